import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { WeChatReplyError, WeChatXmlError } from '../../src/protocol/errors.js';
import type { NewsArticle, RenderReplyOptions, Reply } from '../../src/protocol/replies.js';
import { MAX_NEWS_ARTICLES, parseReply, renderReply } from '../../src/protocol/replies.js';

const opts = { to: 'oUser123', from: 'gh_abc', createTime: 1700000000 } as const;
const head =
  '<xml><ToUserName><![CDATA[oUser123]]></ToUserName><FromUserName><![CDATA[gh_abc]]></FromUserName>' +
  '<CreateTime>1700000000</CreateTime>';
const doc = (msgType: string, payload = '') =>
  `${head}<MsgType><![CDATA[${msgType}]]></MsgType>${payload}</xml>`;

describe('renderReply: exact output', () => {
  test('text, also from a plain string', () => {
    const expected = doc('text', '<Content><![CDATA[你好]]></Content>');
    expect(renderReply({ type: 'text', content: '你好' }, opts)).toBe(expected);
    expect(renderReply('你好', opts)).toBe(expected);
  });

  test('image and voice', () => {
    expect(renderReply({ type: 'image', mediaId: 'MID' }, opts)).toBe(
      doc('image', '<Image><MediaId><![CDATA[MID]]></MediaId></Image>'),
    );
    expect(renderReply({ type: 'voice', mediaId: 'MID' }, opts)).toBe(
      doc('voice', '<Voice><MediaId><![CDATA[MID]]></MediaId></Voice>'),
    );
  });

  test('video with and without captions', () => {
    expect(renderReply({ type: 'video', mediaId: 'V', title: 'T', description: 'D' }, opts)).toBe(
      doc(
        'video',
        '<Video><MediaId><![CDATA[V]]></MediaId><Title><![CDATA[T]]></Title>' +
          '<Description><![CDATA[D]]></Description></Video>',
      ),
    );
    expect(renderReply({ type: 'video', mediaId: 'V' }, opts)).toBe(
      doc('video', '<Video><MediaId><![CDATA[V]]></MediaId></Video>'),
    );
  });

  test('music in WeChat order, ThumbMediaId last', () => {
    const music: Reply = {
      type: 'music',
      thumbMediaId: 'THUMB',
      title: 'TITLE',
      description: 'DESC',
      musicUrl: 'http://m/1.mp3',
      hqMusicUrl: 'http://m/1hq.mp3',
    };
    expect(renderReply(music, opts)).toBe(
      doc(
        'music',
        '<Music><Title><![CDATA[TITLE]]></Title><Description><![CDATA[DESC]]></Description>' +
          '<MusicUrl><![CDATA[http://m/1.mp3]]></MusicUrl><HQMusicUrl><![CDATA[http://m/1hq.mp3]]></HQMusicUrl>' +
          '<ThumbMediaId><![CDATA[THUMB]]></ThumbMediaId></Music>',
      ),
    );
    expect(renderReply({ type: 'music', thumbMediaId: 'THUMB' }, opts)).toBe(
      doc('music', '<Music><ThumbMediaId><![CDATA[THUMB]]></ThumbMediaId></Music>'),
    );
  });

  test('news: ArticleCount before Articles, one item per article', () => {
    const news: Reply = {
      type: 'news',
      articles: [
        { title: 'title1', description: 'description1', picUrl: 'picurl', url: 'url' },
        { title: 'title2' },
      ],
    };
    expect(renderReply(news, opts)).toBe(
      doc(
        'news',
        '<ArticleCount>2</ArticleCount><Articles>' +
          '<item><Title><![CDATA[title1]]></Title><Description><![CDATA[description1]]></Description>' +
          '<PicUrl><![CDATA[picurl]]></PicUrl><Url><![CDATA[url]]></Url></item>' +
          '<item><Title><![CDATA[title2]]></Title></item></Articles>',
      ),
    );
  });

  test('transfer_customer_service with and without an agent', () => {
    expect(renderReply({ type: 'transfer_customer_service' }, opts)).toBe(doc('transfer_customer_service'));
    expect(renderReply({ type: 'transfer_customer_service', kfAccount: 'test1@test' }, opts)).toBe(
      doc(
        'transfer_customer_service',
        '<TransInfo><KfAccount><![CDATA[test1@test]]></KfAccount></TransInfo>',
      ),
    );
  });

  test('createTime defaults to the current Unix second', () => {
    const before = Math.floor(Date.now() / 1000);
    const { createTime } = parseReply(renderReply('hi', { to: 'o', from: 'gh' }));
    expect(createTime).toBeGreaterThanOrEqual(before);
    expect(createTime).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
  });

  test('maxArticles: 1 accepts a single article', () => {
    expect(() =>
      renderReply({ type: 'news', articles: [{ title: 'a' }] }, { ...opts, maxArticles: 1 }),
    ).not.toThrow();
  });
});

describe('round trips through parseReply', () => {
  test('a "]]>" inside text survives', () => {
    const content = 'a]]>b]]]]>c]]><![CDATA[d';
    const xml = renderReply(content, opts);
    expect(xml).toContain('<![CDATA[a]]]]><![CDATA[>b');
    expect(parseReply(xml)).toStrictEqual({ reply: { type: 'text', content }, ...opts });
  });

  test('CJK, emoji, newlines and links survive', () => {
    const content = '欢迎关注 🎉👨‍👩‍👧\n点击 <a href="https://example.com/?a=1&b=2">这里</a> 𠮷';
    expect(parseReply(renderReply(content, opts)).reply).toStrictEqual({ type: 'text', content });
    const news: Reply = { type: 'news', articles: [{ title: '标题 ]]> 😀', description: '说明' }] };
    expect(parseReply(renderReply(news, opts)).reply).toStrictEqual(news);
  });

  test('parses a pretty-printed document like the spec shows', () => {
    const xml = `<xml>
  <ToUserName><![CDATA[touser]]></ToUserName>
  <FromUserName><![CDATA[fromuser]]></FromUserName>
  <CreateTime>1399197672</CreateTime>
  <MsgType><![CDATA[transfer_customer_service]]></MsgType>
  <TransInfo>
    <KfAccount><![CDATA[test1@test]]></KfAccount>
  </TransInfo>
</xml>`;
    expect(parseReply(xml)).toStrictEqual({
      reply: { type: 'transfer_customer_service', kfAccount: 'test1@test' },
      to: 'touser',
      from: 'fromuser',
      createTime: 1399197672,
    });
  });

  test('accepts plain-text fields, CDATA numbers and ignores unknown elements', () => {
    const xml =
      '<xml><ToUserName>o</ToUserName><FromUserName>gh</FromUserName><CreateTime><![CDATA[12]]></CreateTime>' +
      '<MsgType>image</MsgType><Extra>x</Extra><Image><MediaId>m</MediaId><Other/></Image></xml>';
    expect(parseReply(xml)).toStrictEqual({
      reply: { type: 'image', mediaId: 'm' },
      to: 'o',
      from: 'gh',
      createTime: 12,
    });
  });
});

/** Expects `fn` to throw a WeChatReplyError whose message contains `fragment`. */
function expectReplyError(fn: () => unknown, fragment: string | RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(WeChatReplyError);
  expect((caught as Error).message).toMatch(fragment);
}

describe('renderReply validation', () => {
  const render =
    (reply: unknown, options: RenderReplyOptions = opts) =>
    () =>
      renderReply(reply as Reply, options);
  const articles = (n: number): NewsArticle[] => Array.from({ length: n }, (_, i) => ({ title: `t${i}` }));

  test('empty text', () => {
    expectReplyError(render(''), 'text reply content is empty; WeChat would show nothing');
    expectReplyError(render({ type: 'text', content: '' }), 'answer "success" to send no reply');
    expectReplyError(render({ type: 'text' }), 'text reply content must be a string, got undefined');
  });

  test('missing or empty media ids', () => {
    expectReplyError(render({ type: 'image', mediaId: '' }), 'image reply mediaId is empty');
    expectReplyError(render({ type: 'image' }), 'image reply mediaId must be a string, got undefined');
    expectReplyError(render({ type: 'voice', mediaId: '' }), 'voice reply mediaId is empty');
    expectReplyError(render({ type: 'video', mediaId: '', title: 't' }), 'video reply mediaId is empty');
    expectReplyError(render({ type: 'music', title: 't' }), 'music reply thumbMediaId must be a string');
    expectReplyError(render({ type: 'music', thumbMediaId: '' }), 'music reply thumbMediaId is empty');
  });

  test('optional fields of the wrong kind', () => {
    expectReplyError(render({ type: 'video', mediaId: 'm', title: 1 }), 'video reply title must be a string');
    expectReplyError(
      render({ type: 'music', thumbMediaId: 'm', hqMusicUrl: {} }),
      'music reply hqMusicUrl must be a string when given, got object',
    );
  });

  test('news article rules', () => {
    expectReplyError(render({ type: 'news', articles: [] }), 'news reply has no articles');
    expectReplyError(render({ type: 'news' }), 'news reply articles must be an array');
    expectReplyError(
      render({ type: 'news', articles: articles(MAX_NEWS_ARTICLES + 1) }),
      'news reply has 9 articles but at most 8 are allowed',
    );
    expect(() => renderReply({ type: 'news', articles: articles(MAX_NEWS_ARTICLES) }, opts)).not.toThrow();
    expectReplyError(
      render({ type: 'news', articles: articles(2) }, { ...opts, maxArticles: 1 }),
      'news reply has 2 articles but at most 1 is allowed (replies to user messages carry a single article)',
    );
    expectReplyError(
      render({ type: 'news', articles: [{ title: 'a' }, { url: 'u' }] }),
      'news reply article 2 has no title',
    );
    expectReplyError(
      render({ type: 'news', articles: [{ title: '' }] }),
      'news reply article 1 has no title',
    );
    expectReplyError(render({ type: 'news', articles: [null] }), 'news reply article 1 is not an object');
  });

  test('maxArticles outside 1..8', () => {
    for (const maxArticles of [0, 9, 1.5]) {
      expectReplyError(
        render('hi', { ...opts, maxArticles }),
        `maxArticles must be an integer from 1 to 8; got ${maxArticles}`,
      );
    }
  });

  test('transfer_customer_service with an empty agent', () => {
    expectReplyError(render({ type: 'transfer_customer_service', kfAccount: '' }), 'kfAccount is empty');
  });

  test('to, from and createTime', () => {
    expectReplyError(render('hi', { ...opts, to: '' }), 'to (the user openid) is empty');
    expectReplyError(render('hi', { ...opts, from: '' }), 'from (the account gh_ id) is empty');
    expectReplyError(render('hi', { ...opts, createTime: Date.now() }), '(milliseconds?)');
    expectReplyError(render('hi', { ...opts, createTime: -1 }), 'createTime must be Unix seconds');
    expectReplyError(render('hi', { ...opts, createTime: 1.5 }), 'got 1.5');
  });

  test('unknown types and non-objects', () => {
    expectReplyError(render({ type: 'link' }), 'unknown reply type "link"; expected one of text, image');
    expectReplyError(render(null), 'a reply must be a string or an object with a type, got null');
  });
});

describe('parseReply errors', () => {
  const base = (msgType: string, payload = '') => doc(msgType, payload);

  test('"success" and empty bodies are not documents', () => {
    expectReplyError(() => parseReply('success'), '"success" means "no reply"');
    expectReplyError(() => parseReply(''), 'an empty body means "no reply"');
  });

  test('malformed XML is a WeChatXmlError', () => {
    expect(() => parseReply('<xml><Content>')).toThrow(WeChatXmlError);
    expect(() => parseReply('{"msgtype":"text"}')).toThrow(WeChatXmlError);
    expect(() => parseReply('<!DOCTYPE x><xml/>')).toThrow(WeChatXmlError);
  });

  test('document shape', () => {
    expectReplyError(() => parseReply('<reply/>'), 'reply root element is <reply>, expected <xml>');
    expectReplyError(() => parseReply('<xml>hi</xml>'), '<xml> holds no elements');
    expectReplyError(
      () => parseReply('<xml><FromUserName>gh</FromUserName></xml>'),
      '<xml> lacks <ToUserName>',
    );
    expectReplyError(
      () => parseReply(`${head.replace('>1700000000<', '>17e8<')}</xml>`),
      '<CreateTime> must be a non-negative integer, got "17e8"',
    );
    expectReplyError(() => parseReply(`${head}</xml>`), '<xml> lacks <MsgType>');
    expectReplyError(
      () => parseReply(`${head}<msgtype>text</msgtype></xml>`),
      '<xml> lacks <MsgType> (found <msgtype>; element names are case-sensitive)',
    );
    expectReplyError(
      () => parseReply(base('text', '<Content>a</Content><Content>b</Content>')),
      '<Content> appears 2 times in <xml>',
    );
    expectReplyError(
      () => parseReply(base('text', '<Content><b>x</b></Content>')),
      '<Content> in <xml> must hold text, not elements',
    );
    expectReplyError(
      () => parseReply(doc('text', '<Content>x</Content>').replace('oUser123', '')),
      '<ToUserName> is empty',
    );
  });

  test('unknown MsgType', () => {
    expectReplyError(
      () => parseReply(base('shortvideo')),
      'unknown reply MsgType "shortvideo"; expected one of text, image, voice, video, music, news, transfer_customer_service',
    );
  });

  test('missing and empty payload fields', () => {
    expectReplyError(() => parseReply(base('text')), '<xml> lacks <Content>');
    expectReplyError(() => parseReply(base('text', '<Content></Content>')), 'text reply content is empty');
    expectReplyError(() => parseReply(base('image')), '<xml> lacks <Image>');
    expectReplyError(
      () => parseReply(base('image', '<Image></Image>')),
      '<Image> in <xml> holds no elements',
    );
    expectReplyError(
      () => parseReply(base('voice', '<Voice><Media>m</Media></Voice>')),
      '<Voice> lacks <MediaId>',
    );
    expectReplyError(
      () => parseReply(base('video', '<Video><MediaId/></Video>')),
      'video reply mediaId is empty',
    );
    expectReplyError(
      () => parseReply(base('music', '<Music><Title>t</Title></Music>')),
      '<Music> lacks <ThumbMediaId>',
    );
    expectReplyError(
      () => parseReply(base('transfer_customer_service', '<TransInfo><KfAccount/></TransInfo>')),
      'kfAccount is empty',
    );
    expectReplyError(
      () => parseReply(base('transfer_customer_service', '<TransInfo/>')),
      '<TransInfo> in <xml> holds no elements',
    );
  });

  test('news consistency', () => {
    const item = (title: string) => `<item><Title>${title}</Title></item>`;
    expectReplyError(
      () => parseReply(base('news', `<ArticleCount>2</ArticleCount><Articles>${item('a')}</Articles>`)),
      '<ArticleCount> is 2 but <Articles> holds 1 <item> element',
    );
    expectReplyError(
      () =>
        parseReply(
          base('news', `<ArticleCount>1</ArticleCount><Articles>${item('a')}${item('b')}</Articles>`),
        ),
      '<ArticleCount> is 1 but <Articles> holds 2 <item> elements',
    );
    expectReplyError(
      () => parseReply(base('news', `<Articles>${item('a')}</Articles>`)),
      '<xml> lacks <ArticleCount>',
    );
    expectReplyError(
      () => parseReply(base('news', '<ArticleCount>1</ArticleCount>')),
      '<xml> lacks <Articles>',
    );
    expectReplyError(
      () => parseReply(base('news', '<ArticleCount>0</ArticleCount><Articles></Articles>')),
      '<Articles> in <xml> holds no elements',
    );
    expectReplyError(
      () =>
        parseReply(
          base('news', '<ArticleCount>1</ArticleCount><Articles><item><Url>u</Url></item></Articles>'),
        ),
      '<item> 1 of <Articles> lacks <Title>',
    );
    expectReplyError(
      () => parseReply(base('news', '<ArticleCount>1</ArticleCount><Articles><item/></Articles>')),
      '<item> 1 of <Articles> holds no elements',
    );
    const nine = Array.from({ length: 9 }, (_, i) => item(`t${i}`)).join('');
    expectReplyError(
      () => parseReply(base('news', `<ArticleCount>9</ArticleCount><Articles>${nine}</Articles>`)),
      'news reply has 9 articles but at most 8 are allowed',
    );
    const two = `<ArticleCount>2</ArticleCount><Articles>${item('a')}${item('b')}</Articles>`;
    expect(parseReply(base('news', two)).reply).toStrictEqual({
      type: 'news',
      articles: [{ title: 'a' }, { title: 'b' }],
    });
    expectReplyError(() => parseReply(base('news', two), { maxArticles: 1 }), 'at most 1 is allowed');
  });
});

describe('properties', () => {
  // Any code point, with "]]>" and CDATA markers mixed in often enough to matter.
  const anyText = fc.oneof(
    fc.string({ unit: 'binary' }),
    fc
      .array(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 4 }),
          fc.constantFrom(']]>', ']]', '<![CDATA[', '&amp;'),
        ),
        { maxLength: 8 },
      )
      .map((parts) => parts.join('')),
  );
  const nonEmpty = anyText.filter((s) => s !== '');
  // fc.record builds null-prototype objects by default; parseReply returns plain ones.
  const plain = { noNullPrototype: true } as const;
  const article: fc.Arbitrary<NewsArticle> = fc.record(
    { title: nonEmpty, description: anyText, picUrl: anyText, url: anyText },
    { requiredKeys: ['title'], noNullPrototype: true },
  );

  const reply: fc.Arbitrary<Reply> = fc.oneof(
    fc.record({ type: fc.constant('text' as const), content: nonEmpty }, plain),
    fc.record({ type: fc.constant('image' as const), mediaId: nonEmpty }, plain),
    fc.record({ type: fc.constant('voice' as const), mediaId: nonEmpty }, plain),
    fc.record(
      { type: fc.constant('video' as const), mediaId: nonEmpty, title: anyText, description: anyText },
      { requiredKeys: ['type', 'mediaId'], noNullPrototype: true },
    ),
    fc.record(
      {
        type: fc.constant('music' as const),
        thumbMediaId: nonEmpty,
        title: anyText,
        description: anyText,
        musicUrl: anyText,
        hqMusicUrl: anyText,
      },
      { requiredKeys: ['type', 'thumbMediaId'], noNullPrototype: true },
    ),
    fc.record(
      {
        type: fc.constant('news' as const),
        articles: fc.array(article, { minLength: 1, maxLength: 8 }),
      },
      plain,
    ),
    fc.record(
      { type: fc.constant('transfer_customer_service' as const), kfAccount: nonEmpty },
      { requiredKeys: ['type'], noNullPrototype: true },
    ),
  );

  const options = fc.record({
    to: nonEmpty,
    from: nonEmpty,
    createTime: fc.integer({ min: 0, max: 0xffff_ffff }),
  });

  test('parseReply(renderReply(r)) gives r back', () => {
    fc.assert(
      fc.property(reply, options, (r, o) => {
        expect(parseReply(renderReply(r, o))).toStrictEqual({
          reply: r,
          to: o.to,
          from: o.from,
          createTime: o.createTime,
        });
      }),
      { numRuns: 500 },
    );
  });

  const isTyped = (error: unknown) => error instanceof WeChatXmlError || error instanceof WeChatReplyError;
  const parsesOrThrowsTyped = (input: string) => {
    try {
      parseReply(input);
    } catch (error) {
      if (!isTyped(error)) throw error;
    }
  };

  test('random strings only ever throw typed errors', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), parsesOrThrowsTyped), { numRuns: 1000 });
  });

  test('random reply-like documents only ever throw typed errors', () => {
    const names = fc.constantFrom(
      'xml',
      'ToUserName',
      'FromUserName',
      'CreateTime',
      'MsgType',
      'Content',
      'Image',
      'Voice',
      'Video',
      'Music',
      'MediaId',
      'ThumbMediaId',
      'ArticleCount',
      'Articles',
      'item',
      'Title',
      'TransInfo',
      'KfAccount',
      '__proto__',
      'constructor',
    );
    const leaf = fc.oneof(
      fc.constantFrom('text', 'news', 'music', 'transfer_customer_service', '1', '2', '', 'x'),
      fc.string({ maxLength: 5 }),
    );
    const tree = fc.letrec<{ node: string }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.tuple(names, leaf).map(([n, t]) => `<${n}><![CDATA[${t}]]></${n}>`),
        fc
          .tuple(names, fc.array(tie('node'), { maxLength: 5 }))
          .map(([n, children]) => `<${n}>${children.join('')}</${n}>`),
      ),
    }));
    const documents = fc.oneof(
      fc.array(tree.node, { maxLength: 8 }).map((children) => `<xml>${children.join('')}</xml>`),
      fc.tuple(reply, options, fc.nat(), fc.string({ maxLength: 3 })).map(([r, o, cut, junk]) => {
        const xml = renderReply(r, o);
        const at = cut % (xml.length + 1);
        return xml.slice(0, at) + junk + xml.slice(at);
      }),
    );
    fc.assert(fc.property(documents, parsesOrThrowsTyped), { numRuns: 1000 });
  });
});
