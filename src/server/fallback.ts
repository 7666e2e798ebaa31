import type { Reply } from '../protocol/replies.js';

/**
 * The customer-service message (`message/custom/send` body) that carries a passive reply the
 * user could not get in time, or `undefined` for replies with no such equivalent (a handover to
 * customer service only makes sense as a passive reply).
 */
export function customMessageFor(openid: string, reply: Reply): Record<string, unknown> | undefined {
  switch (reply.type) {
    case 'text':
      return { touser: openid, msgtype: 'text', text: { content: reply.content } };
    case 'image':
      return { touser: openid, msgtype: 'image', image: { media_id: reply.mediaId } };
    case 'voice':
      return { touser: openid, msgtype: 'voice', voice: { media_id: reply.mediaId } };
    case 'video':
      return {
        touser: openid,
        msgtype: 'video',
        video: { media_id: reply.mediaId, title: reply.title, description: reply.description },
      };
    case 'music':
      // A customer-service music message needs a URL; a passive one could do without.
      if (reply.musicUrl === undefined) return undefined;
      return {
        touser: openid,
        msgtype: 'music',
        music: {
          title: reply.title,
          description: reply.description,
          musicurl: reply.musicUrl,
          hqmusicurl: reply.hqMusicUrl ?? reply.musicUrl,
          thumb_media_id: reply.thumbMediaId,
        },
      };
    case 'news': {
      // Customer-service news carries one article; the passive reply would have shown one too.
      const article = reply.articles[0];
      if (article === undefined) return undefined;
      return {
        touser: openid,
        msgtype: 'news',
        news: {
          articles: [
            {
              title: article.title,
              description: article.description,
              url: article.url,
              picurl: article.picUrl,
            },
          ],
        },
      };
    }
    case 'transfer_customer_service':
      return undefined;
  }
}
