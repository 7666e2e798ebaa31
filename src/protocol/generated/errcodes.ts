// Generated from data/errcodes.tsv by scripts/generate-errcodes.mjs. DO NOT EDIT.
// Change the TSV and run `npm run generate` instead.
//
// 1841 codes, one `code\terrmsg\tmeaning_zh` row per line (either text may be empty),
// split into a Map by src/protocol/errcodes.ts on first use.
// The TSV has no duplicate codes.

/** How many distinct codes {@link ERRCODE_ROWS} holds. */
export const ERRCODE_COUNT = 1841;

/** The platform's global return codes: `code\terrmsg\tmeaning_zh` rows separated by `\n`, no header. */
export const ERRCODE_ROWS = `-1\tsystem error\t系统繁忙，此时请开发者稍候再试
0\tok\t请求成功
1003\t\tPOST参数非法
20002\t\t商品id不存在
40001\tinvalid credential, access_token is invalid or not latest\t获取 access_token 时 AppSecret 错误，或者 access_token 无效。请开发者认真比对 AppSecret 的正确性，或查看是否正在为恰当的公众号调用接口
40002\tinvalid grant_type\t不合法的凭证类型
40003\tinvalid openid\t不合法的 OpenID ，请开发者确认 OpenID （该用户）是否已关注公众号，或是否是其他公众号的 OpenID
40004\tinvalid media type\t不合法的媒体文件类型
40005\tinvalid file type\t不合法的文件类型
40006\tinvalid meida size\t不合法的文件大小
40007\tinvalid media_id\t不合法的媒体文件 id
40008\tinvalid message type\t不合法的消息类型
40009\tinvalid image size\t不合法的图片文件大小
40010\tinvalid voice size\t不合法的语音文件大小
40011\tinvalid video size\t不合法的视频文件大小
40012\tinvalid thumb size\t不合法的缩略图文件大小
40013\tinvalid appid\t不合法的 AppID ，请开发者检查 AppID 的正确性，避免异常字符，注意大小写
40014\tinvalid access_token\t不合法的 access_token ，请开发者认真比对 access_token 的有效性（如是否过期），或查看是否正在为恰当的公众号调用接口
40015\tinvalid menu type\t不合法的菜单类型
40016\tinvalid button size\t不合法的按钮个数
40017\tinvalid button type\t不合法的按钮类型
40018\tinvalid button name size\t不合法的按钮名字长度
40019\tinvalid button key size\t不合法的按钮 KEY 长度
40020\tinvalid button url size\t不合法的按钮 URL 长度
40021\tinvalid menu version\t不合法的菜单版本号
40022\tinvalid sub_menu level\t不合法的子菜单级数
40023\tinvalid sub button size\t不合法的子菜单按钮个数
40024\tinvalid sub button type\t不合法的子菜单按钮类型
40025\tinvalid sub button name size\t不合法的子菜单按钮名字长度
40026\tinvalid sub button key size\t不合法的子菜单按钮 KEY 长度
40027\tinvalid sub button url size\t不合法的子菜单按钮 URL 长度
40028\tinvalid menu api user\t不合法的自定义菜单使用用户
40029\tinvalid code\t不合法的 oauth_code
40030\tinvalid refresh_token\t不合法的 refresh_token
40031\tinvalid openid list\t不合法的 openid 列表
40032\tinvalid openid list size\t不合法的 openid 列表长度
40033\tinvalid charset. please check your request, if include \\uxxxx will create fail!\t不合法的请求字符，不能包含\\uxxxx 格式的字符
40034\tinvalid template size\t
40035\tinvalid args size\t不合法的参数
40036\tinvalid template_id size\t不合法的 template_id 长度
40037\tinvalid template_id\t不合法的 template_id
40038\tinvalid packaging type\t不合法的请求格式
40039\tinvalid url size\t不合法的 URL 长度
40040\tinvalid plugin token\t
40041\tinvalid plugin id\t
40042\tinvalid plugin session\t
40043\tinvalid fav type\t
40044\tinvalid size in link.title\t
40045\tinvalid size in link.description\t
40046\tinvalid size in link.iconurl\t
40047\tinvalid size in link.url\t
40048\tinvalid url domain\t无效的url
40049\tinvalid score report type\t
40050\tinvalid timeline type\t不合法的分组 id
40051\tinvalid group name\t分组名字不合法
40052\tinvalid action name\t
40053\tinvalid action info, please check document\t
40054\tinvalid sub button url domain\t不合法的子菜单按钮 url 域名
40055\tinvalid button url domain\t不合法的菜单按钮 url 域名
40056\tinvalid serial code\t
40057\tinvalid tabbar size\t
40058\tinvalid tabbar name size\t
40059\tinvalid msg id\t
40060\tinvalid article idx\t删除单篇图文时，指定的 article_idx 不合法
40062\tinvalid title size\t
40063\tinvalid message_ext size\t
40064\tinvalid app type\t
40065\tinvalid msg status\t
40066\tinvalid url\t不合法的 url ，递交的页面被sitemap标记为拦截
40067\tinvalid tvid\t
40068\tcontain mailcious url\t
40069\tinvalid hardware type\t
40070\tinvalid sku info\t
40071\tinvalid card type\t
40072\tinvalid location id\t
40073\tinvalid card id\t
40074\tinvalid pay template id\t
40075\tinvalid encrypt code\t
40076\tinvalid color id\t
40077\tinvalid score type\t
40078\tinvalid card status\t
40079\tinvalid time\t
40080\tinvalid card ext\t
40081\tinvalid template_id\t
40082\tinvalid banner picture size\t
40083\tinvalid banner url size\t
40084\tinvalid button desc size\t
40085\tinvalid button url size\t
40086\tinvalid sharelink logo size\t
40087\tinvalid sharelink desc size\t
40088\tinvalid sharelink title size\t
40089\tinvalid platform id\t
40090\tinvalid request source (bad client ip)\t
40091\tinvalid component ticket\t
40092\tinvalid remark name\t
40093\tnot completely ok, err_item will return location_id=-1,check your required_fields in json.\t
40094\tinvalid component credential\t
40095\tbad source of caller\t
40096\tinvalid biztype\t
40097\tinvalid args\t参数错误
40098\tinvalid poiid\t
40099\tinvalid code, this code has consumed.\t
40100\tinvalid DateInfo, Make Sure OldDateInfoType==NewDateInfoType && NewBeginTime<=OldBeginTime && OldEndTime<= NewEndTime\t
40101\tmissing parameter\t
40102\tinvalid industry id\t
40103\tinvalid industry index\t
40104\tinvalid category id\t
40105\tinvalid view type\t
40106\tinvalid user name\t
40107\tinvalid card id! 1,card status must verify ok; 2,this card must have location_id\t
40108\tinvalid client version\t
40109\ttoo many code size, must <= 100\t
40110\thave empty code\t
40111\thave same code\t
40112\tcan not set bind openid\t
40113\tunsupported file type\t
40114\tinvalid index value\t
40115\tinvalid session from\t
40116\tinvalid code\t
40117\tinvalid button media_id size\t分组名字不合法
40118\tinvalid sub button media_id size\tmedia_id 大小不合法
40119\tinvalid use button type\tbutton 类型错误
40120\tinvalid use sub button type\tbutton 类型错误
40121\tinvalid media type in view_limited\t不合法的 media_id 类型
40122\tinvalid card quantity\t
40123\tinvalid task_id\t
40124\ttoo many custom field!\t
40125\tinvalid appsecret\t无效的 AppSecret，请开发者检查 AppSecret 的正确性，避免异常字符，注意大小写
40126\tinvalid text size\t
40127\tinvalid user-card status! Hint: the card was given to user, but may be deleted or expired or set unavailable !\t
40128\tinvalid media id! must be uploaded by api(cgi-bin/material/add_material)\t
40129\tinvalid scene\t
40130\tinvalid openid list size, at least two openid\t
40131\tout of limit of ticket\t
40132\tinvalid username\t微信号不合法
40133\tinvalid encryt data\t
40135\tinvalid not supply bonus, can not change card_id which supply bonus to be not supply\t
40136\tinvalid use DepositCodeMode, make sure sku.quantity>DepositCode.quantity\t
40137\tinvalid image format\t不支持的图片格式
40138\temphasis word can not be first neither remark\t
40139\tinvalid sub merchant id\t
40140\tinvalid sub merchant status\t
40141\tinvalid image url\t
40142\tinvalid sharecard parameters\t
40143\tinvalid least cost info, should be 0\t
40144\t1)maybe share_card_list.num or consume_share_self_num too big; 2)maybe card_id_list also has self-card_id;3)maybe card_id_list has many different card_id;4)maybe both consume_share_self_num and share_card_list.num bigger than 0\t
40145\tinvalid update! Can not both set PayCell and CenterCellInfo(include: center_title, center_sub_title, center_url).\t
40146\tinvalid openid! card may be marked by other user!\t
40147\tinvalid consume! Consume time overranging restricts.\t
40148\tinvalid friends card type\t
40149\tinvalid use time limit\t
40150\tinvalid card parameters\t
40151\tinvalid card info, text/pic hit antispam\t
40152\tinvalid group id\t
40153\tself consume cell for friends card must need verify code\t
40154\tinvalid voip parameters\t
40155\tplease don't contain other home page url\t请勿添加其他公众号的主页链接
40156\tinvalid face recognize parameters\t
40157\tinvalid picture, has no face\t
40158\tinvalid use_custom_code, need be false\t
40159\tinvalid length for path, or the data is not json string\t
40160\tinvalid image file\t
40161\timage file not match\t
40162\tinvalid lifespan\t
40163\tcode been used\toauth_code已使用
40164\tinvalid ip, not in whitelist\t调用接口的IP地址不在白名单中，请在接口IP白名单中进行设置
40165\tinvalid weapp pagepath\t
40166\tinvalid weapp appid\t
40167\tthere is no relation with plugin appid\t
40168\tunlinked weapp card\t
40169\tinvalid length for scene, or the data is not json string\t
40170\targs count exceed count limit\t
40171\tproduct id can not empty and the length cannot exceed 32\t
40172\tcan not have same product id\t
40173\tthere is no bind relation\t
40174\tnot card user\t
40175\tinvalid material id\t
40176\tinvalid template id\t
40177\tinvalid product id\t
40178\tinvalid sign\t
40179\tFunction is adjusted, rules are not allowed to add or update\t
40180\tinvalid client tmp token\t
40181\tinvalid opengid\t
40182\tinvalid pack_id\t
40183\tinvalid product_appid, product_appid should bind with wxa_appid\t
40184\tinvalid url path\t
40185\tinvalid auth_token, or auth_token is expired\t
40186\tinvalid delegate\t
40187\tinvalid ip\t
40188\tinvalid scope\t
40189\tinvalid width\t
40190\tinvalid delegate time\t
40191\tinvalid pic_url\t
40192\tinvalid author in news\t
40193\tinvalid recommend length\t
40194\tillegal recommend\t
40195\tinvalid show_num\t
40196\tinvalid smartmsg media_id\t
40197\tinvalid smartmsg media num\t
40198\tinvalid default msg article size, must be same as show_num\t
40199\twaybill_id not found\t运单 ID 不存在，未查到运单
40200\tinvalid account type\t
40201\tinvalid check url\t不正确的URL，一般是开发者未设置回调URL
40202\tinvalid check action\t不正确的action
40203\tinvalid check operator\t不正确的check_operator
40204\tcan not delete wash or rumor article\t
40205\tinvalid check keywords string\t
40206\tinvalid check begin stamp\t
40207\tinvalid check alive seconds\t
40208\tinvalid check notify id\t
40209\tinvalid check notify msg\t
40210\tinvalid check wxa path\tpages 中的path参数不存在或为空
40211\tinvalid scope_data\t
40212\tinvalid query\tpaegs 当中存在不合法的query，query格式遵循URL标准，即k1=v1&k2=v2
40213\tinvalid href tag\t
40214\tinvalid href text\t
40215\tinvalid image count\t
40216\tinvalid desc\t
40217\tinvalid video count\t
40218\tinvalid video id\t
40219\tpages is empty\tpages不存在或者参数为空
40220\tdata_list is empty\t
40221\tinvalid Content-Encoding\t
40222\tinvalid request idc domain\t
40229\t\t媒体封面为空，请添加媒体封面
41001\taccess_token missing\t缺少 access_token 参数
41002\tappid missing\t缺少 appid 参数
41003\trefresh_token missing\t缺少 refresh_token 参数
41004\tappsecret missing\t缺少 secret 参数
41005\tmedia data missing\t缺少多媒体文件数据
41006\tmedia_id missing\t缺少 media_id 参数
41007\tsub_menu data missing\t缺少子菜单数据
41008\tmissing code\t缺少 oauth code
41009\tmissing openid\t缺少 openid
41010\tmissing url\t缺失 url 参数
41011\tmissing required fields! please check document and request json!\t
41012\tmissing card id\t
41013\tmissing code\t
41014\tmissing ticket_class\t
41015\tmissing show_time\t
41016\tmissing screening_room\t
41017\tmissing seat_number\t
41018\tmissing component_appid\t
41019\tmissing platform_secret\t
41020\tmissing platform_ticket\t
41021\tmissing component_access_token\t
41024\tmissing "display" field\t
41025\tpoi_list empty\t
41026\tmissing image list info, text maybe empty\t
41027\tmissing voip call key\t
41028\tinvalid form id\t
41029\tform id used count reach limit\t
41030\tinvalid page\tpage路径不正确，需要保证在现网版本小程序中存在，与app.json保持一致
41031\tthe form id have been blocked!\t
41032\tnot allow to send message with submitted form id, for punishment\t
41033\tinvaid register type\t只允许通过api创建的小程序使用
41034\tnot allow to send message with submitted form id, for punishment\t
41035\tnot allow to send message with prepay id, for punishment\t
41036\tappid ad cid\t
41037\tappid ad_mch_appid\t
41038\tappid pos_type\t
42001\taccess_token expired\taccess_token 超时，请检查 access_token 的有效期，请参考基础支持 - 获取 access_token 中，对 access_token 的详细机制说明
42002\trefresh_token expired\trefresh_token 超时
42003\tcode expired\toauth_code 超时
42004\tplugin token expired\t
42005\tapi usage expired\t
42006\tcomponent_access_token expired\t
42007\taccess_token and refresh_token exception\t用户修改微信密码， accesstoken 和 refreshtoken 失效，需要重新授权
42008\tvoip call key expired\t
42009\tclient tmp token expired\t
43001\trequire GET method\t需要 GET 请求
43002\trequire POST method\t需要 POST 请求
43003\trequire https\t需要 HTTPS 请求
43004\trequire subscribe\t需要接收者关注
43005\trequire friend relations\t需要好友关系
43006\trequire not block\t
43007\trequire bizuser authorize\t
43008\trequire biz pay auth\t
43009\tcan not use custom code, need authorize\t
43010\tcan not use balance, need authorize\t
43011\tcan not use bonus, need authorize\t
43012\tcan not use custom url, need authorize\t
43013\tcan not use shake card, need authorize\t
43014\trequire check agent\t
43015\trequire authorize by wechat team to use this function!\t
43016\trequire verify\t小程序未认证
43017\trequire location id!\t
43018\tcode has no been mark!\t
43019\trequire remove blacklist\t需要将接收者从黑名单中移除
43100\tchange template too frequently\t
43101\tuser refuse to accept the msg\t用户拒绝接受消息，如果用户之前曾经订阅过，则表示用户取消了订阅关系
43102\tthe tempalte is not subscriptiontype\t
43103\tthe api only can cancel the subscription\t
43104\tthis appid does not have permission\t
43105\tnews has no binding relation with template_id\t
43106\tnot allow to add template, for punishment\t
44001\tempty media data\t多媒体文件为空
44002\tempty post data\tPOST 的数据包为空
44003\tempty news data\t图文消息内容为空
44004\tempty content\t文本消息内容为空
44005\tempty list size\t空白的列表
44006\tempty file data\t
44007\trepeated msg id\t
44997\timage url size out of limit\t
44998\tkeyword string media size out of limit\t
44999\tkeywords list size out of limit\t
45000\tmsg_id size out of limit\t
45001\tmedia size out of limit\t多媒体文件大小超过限制
45002\tcontent size out of limit\t消息内容超过限制
45003\ttitle size out of limit\t标题字段超过限制
45004\tdescription size out of limit\t描述字段超过限制
45005\turl size out of limit\t链接字段超过限制
45006\tpicurl size out of limit\t图片链接字段超过限制
45007\tplaytime out of limit\t语音播放时间超过限制
45008\tarticle size out of limit\t图文消息超过限制
45009\treach max api daily quota limit\t接口调用超过限制
45010\tcreate menu limit\t创建菜单个数超过限制
45011\tapi minute-quota reach limit, must slower, retry next minute\tAPI 调用太频繁，请稍候再试
45012\ttemplate size out of limit\t模板大小超过限制
45013\ttoo many template args\t
45014\ttemplate message size out of limit\t
45015\tresponse out of time limit or subscription is canceled\t回复时间超过限制
45016\tcan't modify sys group\t系统分组，不允许修改
45017\tcan't set group name too long sys group\t分组名字过长
45018\ttoo many group now, no need to add new\t分组数量超过上限
45019\ttoo many openid, please input less\t
45020\ttoo many image, please input less\t
45021\tsome argument may be out of length limit! please check document and request json!\t
45022\tbonus is out of limit\t
45023\tbalance is out of limit\t
45024\trank template number is out of limit\t
45025\tpoiid count is out of limit\t
45026\ttemplate num exceeds limit\t
45027\ttemplate conflict with industry\t
45028\thas no masssend quota\t
45029\tqrcode count out of limit\t
45030\tlimit cardid, not support this function\t
45031\tstock is out of limit\t
45032\tnot inner ip for special acct in white-list\t
45033\tuser get card num is out of get_limit\t
45034\tmedia file count is out of limit\t
45035\taccess clientip is not registered, not in ip-white-list\t
45036\tUser receive announcement limit\t
45037\tuser out of time limit or never talked in tempsession\t
45038\tuser subscribed, cannot use tempsession api\t
45039\tcard_list_size out of limit\t
45040\treach max monthly quota limit\t
45041\tthis card reach total sku quantity limit!\t
45042\tlimit card type, this card type can NOT create by sub merchant\t
45043\tcan not set share_friends=true because has no Abstract Or Text_Img_List has no img Or image url not valid\t
45044\ticon url size in abstract is out of limit\t
45045\tunauthorized friends card, please contact administrator\t
45046\toperate field conflict, CenterCell, PayCell, SelfConsumeCell conflict\t
45047\tout of response count limit\t客服接口下行条数超过上限
45048\tmenu use invalid type\t
45049\tivr use invalid type\t
45050\tcustom msg use invalid type\t
45051\ttemplate msg use invalid link\t
45052\tmasssend msg use invalid type\t
45053\texceed consume verify code size\t
45054\tbelow consume verify code size\t
45055\tthe code is not in consume verify code charset\t
45056\ttoo many tag now, no need to add new\t
45057\tcan't delete the tag that has too many fans\t
45058\tcan't modify sys tag\t
45059\tcan not tagging one user too much\t
45060\tmedia is applied in ivr or menu, can not be deleted\t
45061\tmaybe the update frequency is too often, please try again\t
45062\thas agreement ad. please use mp.weixin.qq.com\t
45063\taccesstoken is not xiaochengxu\t
45064\tno permission to use weapp in menu\t创建菜单包含未关联的小程序
45065\tclientmsgid exist\t相同 clientmsgid 已存在群发记录，返回数据中带有已存在的群发任务的 msgid
45066\tsame clientmsgid retry too fast\t相同 clientmsgid 重试速度过快，请间隔1分钟重试
45067\tclientmsgid size out of limit\tclientmsgid 长度超过限制
45068\tfile size out of limit\t
45069\tproduct list size out of limit\t
45070\tthe business account have been created\t
45071\tbusiness account not found\t
45072\tinvalid command\tcommand字段取值不对
45073\tnot inner vip for sns in white list\t
45074\tmaterial list size out of limit, you should delete the useless material\t
45075\tinvalid keyword id\t
45076\tinvalid count\t
45077\tnumber of business account reach limit\t
45078\tnickname is illegal!\t
45079\tnickname is forbidden!(matched forbidden keyword)\t
45080\tneed sending message to user, or recving message from user in the last 30 seconds before typing\t下发输入状态，需要之前30秒内跟用户有过消息交互
45081\tyou are already typing\t已经在输入状态，不可重复下发
45082\tneed icp license for the url domain\t
45083\tthe speed out of range\t设置的 speed 参数不在0到4的范围内
45084\tNo speed message\t没有设置 speed 参数
45085\tspeed server err\t
45086\tinvalid attrbute 'data-miniprogram-appid'\t
45087\tcustomer service message from this account have been blocked!\t
45088\taction size out of limit\t
45089\texpired\t
45090\tinvalid group msg ticket\t
45091\taccount_name is illegal!\t
45092\tno voice data\t
45093\tno quota to send msg\t
45094\tnot allow to send custom message when user enter session, for punishment\t
45095\tnot allow to modify stock for the advertisement batch\t
45096\tinvalid qrcode\t
45097\tinvalid qrcode prefix\t
45098\tmsgmenu list size is out of limit\t
45099\tmsgmenu item content size is out of limit\t
45100\tinvalid size of keyword_id_list\t
45101\thit upload limit\t
45102\tthis api have been blocked temporarily.\t
45103\tThis API has been unsupported\t
45104\treach max domain quota limit\t
45154\tthe consume verify code not found\t
45155\tthe consume verify code is existed\t
45156\tthe consume verify code's length not invalid\t
45157\tinvalid tag name\t
45158\ttag name too long\t
45159\tinvalid tag id\t非法的tag_id
45160\tinvalid category to create card\t
45161\tthis video id must be generated by calling upload api\t
45162\tinvalid type\t
45163\tinvalid sort_method\t
45164\tinvalid offset\t
45165\tinvalid limit\t
45166\tinvalid content\t
45167\tinvalid voip call key\t
45168\tkeyword in blacklist\t
45501\tpart or whole of the requests from the very app is temporary blocked by supervisor\t
46001\tmedia data no exist\t不存在媒体数据
46002\tmenu version no exist\t不存在的菜单版本
46003\tmenu no exist\t不存在的菜单数据
46004\tuser no exist\t不存在的用户
46005\tpoi no exist\t
46006\tvoip file not exist\t
46007\tfile being transcoded, please try later\t
46008\tresult id not exist\t
46009\tthere is no user data\t
46101\tthis api have been not supported since 2020-01-11 00:00:00, please use new api(subscribeMessage)!\t
47001\tdata format error\t解析 JSON/XML 内容错误
47002\tdata format error, do NOT use json unicode encode (\\uxxxx\\uxxxx), please use utf8 encoded text!\t
47003\targument invalid!\t模板参数不准确，可能为空或者不满足规则，errmsg会提示具体是哪个字段出错
47004\tsubmit pages count more than each quota\t每次提交的页面数超过1000（备注：每次提交页面数应小于或等于1000）
47005\ttabbar no exist\t
47006\tsubmit pages count reach daily limit, please try tomorrow\t当天提交页面数达到了配额上限，请明天再试
47101\tsearch results count more than limit\t搜索结果总数超过了1000条
47102\tnext_page_info error\tnext_page_info参数错误
47501\tactivity_id error\t参数 activity_id 错误
47502\ttarget_state error\t参数 target_state 错误
47503\tversion_type error\t参数 version_type 错误
47504\tactivity_id\t
48001\tapi unauthorized\tapi 功能未授权，请确认公众号已获得该接口，可以在公众平台官网 - 开发者中心页中查看接口权限
48002\tuser block receive message\t粉丝拒收消息（粉丝在公众号选项中，关闭了 “ 接收消息 ” ）
48003\tuser not agree mass-send protocol\t
48004\tapi forbidden for irregularities, view detail on mp.weixin.qq.com\tapi 接口被封禁，请登录 mp.weixin.qq.com 查看详情
48005\tforbid to delete material used by auto-reply or menu\tapi 禁止删除被自动回复和自定义菜单引用的素材
48006\tforbid to clear quota because of reaching the limit\tapi 禁止清零调用次数，因为清零次数达到上限
48007\tforbid to use other's voip call key\t
48008\tno permission for this msgtype\t没有该类型消息的发送权限
48009\tthis api is expired\t
48010\tforbid to modify the material， please see more information on mp.weixin.qq.com\t
48011\tdisabled template id\t
48012\tinvalid token\t
48013\t\t该视频非新接口上传，不能用于视频消息群发
48014\t\t该视频审核状态异常，请检查后重试
48015\t\t该账号无留言功能权限
48016\t\t该账号不满足智能配置"观看更多"视频条件
49001\tnot same appid with appid of access_token\t
49002\tempty openid or transid\t
49003\tnot match openid with appid\t
49004\tnot match signature\t
49005\tnot existed transid\t
49006\tmissing arg two_dim_code\t
49007\tinvalid two_dim_code\t
49008\tinvalid qrcode\t
49009\tmissing arg qrcode\t
49010\tinvalid partner id\t
49300\tnot existed feedbackid\t
49301\tfeedback exist\t
49302\tfeedback status already changed\t
50001\tapi unauthorized or user unauthorized\t用户未授权该 api
50002\tuser limited\t用户受限，可能是违规后接口被封禁
50003\tuser unexpected, maybe not in white list\t
50004\tuser not allow to use accesstoken, maybe for punishment\t
50005\tuser is unsubscribed\t用户未关注公众号
50006\tuser has switched off friends authorization\t
51000\tenterprise father account not exist\t
51001\tenterprise child account not belong to the father\t
51002\tenterprise verify message not correct\t
51003\tinvalid enterprise child list size\t
51004\tnot a enterprise father account\t
51005\tnot a enterprise child account\t
51006\tinvalid nick name\t
51007\tnot a enterprise account\t
51008\tinvalid email\t
51009\tinvalid pwd\t
51010\trepeated email\t
51011\taccess deny\t
51012\tneed verify code\t
51013\twrong verify code\t
51014\tneed modify pwd\t
51015\tuser not exist\t
51020\ttv info not exist\t
51021\tstamp crossed\t
51022\tinvalid stamp range\t
51023\tstamp not match date\t
51024\tempty program name\t
51025\tempty action url\t
51026\tprogram name size out of limit\t
51027\taction url size out of limit\t
51028\tinvalid program name\t
51029\tinvalid action url\t
51030\tinvalid action id\t
51031\tinvalid action offset\t
51032\tempty action title\t
51033\taction title size out of limit\t
51034\tempty action icon url\t
51035\taction icon url out of limit\t
52000\tpic is not from cdn\t
52001\twechat price is not less than origin price\t
52002\tcategory/sku is wrong\t
52003\tproduct id not existed\t
52004\tcategory id is not exist, or doesn't has sub category\t
52005\tquantity is zero\t
52006\tarea code is invalid\t
52007\texpress template param is error\t
52008\texpress template id is not existed\t
52009\tgroup name is empty\t
52010\tgroup id is not existed\t
52011\tmod_action is invalid\t
52012\tshelf components count is greater than 20\t
52013\tshelf component is empty\t
52014\tshelf id is not existed\t
52015\torder id is not existed\t
52016\torder filter param is invalid\t
52017\torder express param is invalid\t
52018\torder delivery param is invalid\t
52019\tbrand name empty\t
53000\tprincipal limit exceed\t
53001\tprincipal in black list\t
53002\tmobile limit exceed\t
53003\tidcard limit exceed\t
53010\tnickname invalid\t名称格式不合法
53011\tcheck nickname too frequently\t名称检测命中频率限制
53012\tnickname ban\t禁止使用该名称
53013\tnickname has been occupied\t公众号：名称与已有公众号名称重复;小程序：该名称与已有小程序名称重复
53014\t\t公众号：公众号已有{名称 A+}时，需与该帐号相同主体才可申请{名称 A};小程序：小程序已有{名称 A+}时，需与该帐号相同主体才可申请{名称 A}
53015\t\t公众号：该名称与已有小程序名称重复，需与该小程序帐号相同主体才可申请;小程序：该名称与已有公众号名称重复，需与该公众号帐号相同主体才可申请
53016\t\t公众号：该名称与已有多个小程序名称重复，暂不支持申请;小程序：该名称与已有多个公众号名称重复，暂不支持申请
53017\t\t公众号：小程序已有{名称 A+}时，需与该帐号相同主体才可申请{名称 A};小程序：公众号已有{名称 A+}时，需与该帐号相同主体才可申请{名称 A}
53018\tnickname hit alias\t名称命中微信号
53019\tnickname protected by infringement\t名称在保护期内
53100\t\t订单不存在
53101\t\t已经支付的订单
53102\t\t已有检查单，不能申请
53103\torder can not do refill\t
53200\tmodify signature quota limit exceed\t本月功能介绍修改次数已用完
53201\tsignature in black list, can not use\t功能介绍内容命中黑名单关键字
53202\tmodify avatar quota limit exceed\t本月头像修改次数已用完
53203\t\t暂时还不能修改
53204\t\t无效签名
53300\t\t超出每月次数限制
53301\t\t超出可配置类目总数限制
53302\t\t当前账号主体类型不允许设置此种类目
53303\t\t提交的参数不合法
53304\t\t与已有类目重复
53305\t\t包含未通过IPC校验的类目
53306\t\t修改类目只允许修改类目资质，不允许修改类目ID
53307\t\t只有审核失败的类目允许修改
53308\t\t审核中的类目不允许删除
53309\t\t社交红包不允许删除
53310\t\t类目超过上限，但是可以添加apply_reason参数申请更多类目
53311\t\t需要提交资料信息
60005\t\t空的jsapi名称
60006\t\t用户取消该授权
61000\t\t无效的第三方类型
61001\t\t第三方类型与第三方APPID不匹配
61002\t\t第三方APPID没有开放客服
61003\t\t帐号未授权
61004\taccess clientip is not registered\tapi 功能未授权，请确认公众号/小程序已获得该接口，可以在公众平台官网 - 开发者中心页中查看接口权限
61005\t\tticket 已过期
61006\t\t无效 ticket
61007\t\t接口未授权给第三方平台
61008\t\t第三方请求的key存在重复
61009\t\t无效code
61010\t\tcode已过期
61011\t\t无效的第三方平台
61012\t\t无效的选项名称
61013\t\t无效的选项值
61014\t\t必须使用component接口的token
61015\t\t必须使用商业帐号token，而不是component api
61016\tfunction category of API need be confirmed by component\t
61017\tfunction category is not authorized\t
61018\t\t已确认
61019\t\t不需要确认
61020\terr parameter\t
61021\tcan't confirm\t
61022\tcan't resubmit\t
61023\trefresh_token is invalid\t
61024\tmust use api(api_component_token) to get token for component acct\t
61025\tread-only option\t
61026\tregister access deny\t
61027\tregister limit exceed\t
61028\tcomponent is unpublished\t
61029\tcomponent need republish with base category\t
61030\tcomponent cancel authorization not allowed\t
61051\tinvalid realname type\t
61052\tneed to be certified\t
61053\trealname exceed limits\t
61054\trealname in black list\t
61055\texceed quota per month\t
61056\tcopy_wx_verify is required option\t
61058\tinvalid ticket\t
61061\toverseas access deny\t
61063\tadmin exceed limits\t
61064\tadmin in black list\t
61065\tidcard exceed limits\t
61066\tidcard in black list\t
61067\tmobile exceed limits\t
61068\tmobile in black list\t
61069\tinvalid admin\t
61070\tname, idcard, wechat name not in accordance\t
61100\tinvalid url\t
61101\tinvalid openid\t
61102\tshare relation not existed\t
61200\tproduct wording not set\t
61300\tinvalid base info\t
61301\tinvalid detail info\t
61302\tinvalid action info\t
61303\tbrand info not exist\t
61304\tinvalid product id\t
61305\tinvalid key info\t
61306\tinvalid appid\t
61307\tinvalid card id\t
61308\tbase info not exist\t
61309\tdetail info not exist\t
61310\taction info not exist\t
61311\tinvalid media info\t
61312\tinvalid buffer size\t
61313\tinvalid buffer\t
61314\tinvalid qrcode extinfo\t
61315\tinvalid local ext info\t
61316\tkey conflict\t
61317\tticket invalid\t
61318\tverify not pass\t
61319\tcategory invalid\t
61320\tmerchant info not exist\t
61321\tcate id is a leaf node\t
61322\tcategory id no permision\t
61323\tbarcode no permision\t
61324\texceed max action num\t
61325\tbrandinfo invalid store mgr type\t
61326\tanti-spam blocked\t
61327\tcomment reach limit\t
61328\tcomment data is not the newest\t
61329\tcomment hit ban word\t
61330\timage already add\t
61331\timage never add\t
61332\twarning, image quanlity too low\t
61333\twarning, image simility too high\t
61334\tproduct not exists\t
61335\tkey apply fail\t
61336\tcheck status fail\t
61337\tproduct already exists\t
61338\tforbid delete\t
61339\tfirmcode claimed\t
61340\tcheck firm info fail\t
61341\ttoo many white list uin\t
61342\tkeystandard not match\t
61343\tkeystandard error\t
61344\tid map not exists\t
61345\tinvalid action code\t
61346\tinvalid actioninfo store\t
61347\tinvalid actioninfo media\t
61348\tinvalid actioninfo text\t
61350\tinvalid input data\t
61351\tinput data exceed max size\t
61400\tkf_account error\t
61401\tkf system alredy transfer\t
61450\t\t系统错误 (system error)
61451\t\t参数错误 (invalid parameter)
61452\t\t无效客服账号 (invalid kf_account)
61453\t\t客服帐号已存在 (kf_account exsited)
61454\t\t客服帐号名长度超过限制 ( 仅允许 10 个英文字符，不包括 @ 及 @ 后的公众号的微信号 )(invalid kf_acount length)
61455\t\t客服帐号名包含非法字符 ( 仅允许英文 + 数字 )(illegal character in kf_account)
61456\t\t客服帐号个数超过限制 (10 个客服账号 )(kf_account count exceeded)
61457\t\t无效头像文件类型 (invalid file type)
61500\tdate format error\t日期格式错误
61501\tdate range error\t
61502\tthis is game miniprogram, data api is not supported\t
61503\tdata not ready, please try later\t
62001\ttrying to access other's app\t
62002\tapp name already exists\t
62003\tplease provide at least one platform\t
62004\tinvalid app name\t
62005\tinvalid app id\t
63001\tsome arguments is empty\t部分参数为空
63002\tinvalid signature\t无效的签名
63003\tinvalid signature method\t
63004\tno authroize\t
63149\tgen ticket fail\t
63152\tset ticket fail\t
63153\tshortid decode fail\t
63154\tinvalid status\t
63155\tinvalid color\t
63156\tinvalid tag\t
63157\tinvalid recommend\t
63158\tbranditem out of limits\t
63159\tretail_price empty\t
63160\tpriceinfo invalid\t
63161\tantifake module num limit\t
63162\tantifake native_type err\t
63163\tantifake link not exists\t
63164\tmodule type not exist\t
63165\tmodule info not exist\t
63166\titem is beding verified\t
63167\titem not published\t
63168\tverify not pass\t
63169\talready published\t
63170\tonly banner or media\t
63171\tcard num limit\t
63172\tuser num limit\t
63173\ttext num limit\t
63174\tlink card user sum limit\t
63175\tdetail info error\t
63176\tnot this type\t
63177\tsrc or secretkey or version or expired_time is wrong\t
63178\tappid wrong\t
63179\topenid num limit\t
63180\tthis app msg not found\t
63181\tget history app msg end\t
63182\topenid_list empty\t
65001\tunknown deeplink type\t
65002\tdeeplink unauthorized\t
65003\tbad deeplink\t
65004\tdeeplinks of the very type are supposed to have short-life\t
65104\tinvalid categories\t
65105\tinvalid photo url\t
65106\tpoi audit state must be approved\t
65107\tpoi not allowed modify now\t
65109\tinvalid business name\t
65110\tinvalid address\t
65111\tinvalid telephone\t
65112\tinvalid city\t
65113\tinvalid province\t
65114\tphoto list empty\t
65115\tpoi_id is not exist\t
65116\tpoi has been deleted\t
65117\tcannot delete poi\t
65118\tstore status is invalid\t
65119\tlack of qualification for relevant principals\t
65120\tcategory info is not found\t
65201\troom_name is empty, please check your input\t
65202\tuser_id is empty, please check your input\t
65203\tinvalid check ticket\t
65204\tinvalid check ticket opt code\t
65205\tcheck ticket out of time\t
65301\tthis menu is not conditionalmenu\t不存在此 menuid 对应的个性化菜单
65302\tno such user\t没有相应的用户
65303\tthere is no selfmenu, please create selfmenu first\t没有默认菜单，不能创建个性化菜单
65304\tmatch rule empty\tMatchRule 信息为空
65305\tmenu count limit\t个性化菜单数量受限
65306\tconditional menu not support\t不支持个性化菜单的帐号
65307\tconditional menu is empty\t个性化菜单信息为空
65308\texist empty button act\t包含没有响应类型的 button
65309\tconditional menu switch is closed\t个性化菜单开关处于关闭状态
65310\tregion info: country is empty\t填写了省份或城市信息，国家信息不能为空
65311\tregion info: province is empty\t填写了城市信息，省份信息不能为空
65312\tinvalid country info\t不合法的国家信息
65313\tinvalid province info\t不合法的省份信息
65314\tinvalid city info\t不合法的城市信息
65315\tnot fans\t
65316\tdomain count reach limit\t该公众号的菜单设置了过多的域名外跳（最多跳转到 3 个域名的链接）
65317\tcontain invalid url\t不合法的 URL
65318\tmust use utf-8 charset\t
65319\tnot allow to create menu\t
65320\t\t个性化菜单匹配条件中包含隐私信息（性别、地区、语言），创建被拒绝
65400\tplease enable new custom service, or wait for a while if you have enabled\t
65401\tinvalid custom service account\t
65402\tthe custom service account need to bind a wechat user\t
65403\tillegal nickname\t
65404\tillegal custom service account\t
65405\tcustom service account number reach limit\t
65406\tcustom service account exists\t
65407\tthe wechat user have been one of your workers\t
65408\tyou have already invited the wechat user\t
65409\twechat account invalid\t
65410\ttoo many custom service accounts bound by the worker\t
65411\ta effective invitation to bind the custom service account exists\t
65412\tthe custom service account have been bound by a wechat user\t
65413\tno effective session for the customer\t
65414\tanother worker is serving the customer\t
65415\tthe worker is not online\t
65416\tparam invalid, please check\t
65417\tit is too long from the starttime to endtime\t
65450\thomepage not exists\t
68002\tinvalid store type\t
68003\tinvalid store name\t
68004\tinvalid store wxa path\t
68005\tmiss store wxa path\t
68006\tinvalid kefu type\t
68007\tinvalid kefu wxa path\t
68008\tinvalid kefu phone number\t
68009\tinvalid sub mch id\t
68010\tstore id has exist\t
68011\tmiss store name\t
68012\tmiss create time\t
68013\tinvalid status\t
68014\tinvalid receiver info\t
68015\tinvalid product\t
68016\tinvalid pay type\t
68017\tinvalid fast mail no\t
68018\tinvalid busi id\t
68019\tmiss product sku\t
68020\tinvalid service type\t
68021\tinvalid service status\t
68022\tinvalid service_id\t
68023\tservice_id has exist\t
68024\tmiss service wxa path\t
68025\tinvalid product sku\t
68026\tinvalid product spu\t
68027\tmiss product spu\t
68028\tcan not find product spu and spu in order list\t
68029\tsku and spu duplicated\t
68030\tbusi_id has exist\t
68031\tupdate fail\t
68032\tbusi_id not exist\t
68033\tstore no exist\t
68034\tmiss product number\t
68035\tmiss wxa order detail path\t
68036\tthere is no enough products to refund\t
68037\tinvalid refund info\t
68038\tshipped but no fast mail info\t
68039\tinvalid wechat pay no\t
68040\tall product has been refunded, the order can not be finished\t
68041\tinvalid service create time, it must bigger than the time of order\t
68042\tinvalid total cost, it must be smaller than the sum of product and shipping cost\t
68043\tinvalid role\t
68044\tinvalid service_available args\t
68045\tinvalid order type\t
68046\tinvalid order deliver type\t
68500\trequire store_id\t
68501\tinvalid store_id\t
71001\tinvalid parameter, parameter is zero or missing\t
71002\tinvalid orderid, may be the other parameter not fit with orderid\t
71003\tcoin not enough\t
71004\tcard is expired\t
71005\tlimit exe count\t
71006\tlimit coin count, 1 <= coin_count <= 100000\t
71007\torder finish\t
71008\torder time out\t
72001\tno match card\t
72002\tmchid is not bind appid\t
72003\tinvalid card type, need member card\t
72004\tmchid is occupied by the other appid\t
72005\tout of mchid size limit\t
72006\tinvald title\t
72007\tinvalid reduce cost, can not less than 100\t
72008\tinvalid least cost, most larger than reduce cost\t
72009\tinvalid get limit, can not over 50\t
72010\tinvalid mchid\t
72011\tinvalid activate_ticket.Maybe this ticket is not belong this AppId\t
72012\tactivate_ticket has been expired\t
72013\tunauthorized order_id or authorization is expired\t
72014\ttask card share stock can not modify stock\t
72015\tunauthorized create invoice\t
72016\tunauthorized create member card\t
72017\tinvalid invoice title\t
72018\tduplicate order id, invoice had inserted to user\t
72019\tlimit msg operation card list size, must <= 5\t
72020\tlimit consume in use limit\t
72021\tunauthorized create general card\t
72022\tuser unexpected, please add user to white list\t
72023\tinvoice has been lock by others\t
72024\tinvoice status error\t
72025\tinvoice token error\t
72026\tneed set wx_activate true\t
72027\tinvoice action error\t
72028\tinvoice never set pay mch info\t
72029\tinvoice never set auth field\t
72030\tinvalid mchid\t
72031\tinvalid params\t
72032\tpay gift card rule expired\t
72033\tpay gift card rule status err\t
72034\tinvlid rule id\t
72035\tbiz reject insert\t
72036\tinvoice is busy, try again please\t
72037\tinvoice owner error\t
72038\tinvoice order never auth\t
72039\tinvoice must be lock first\t
72040\tinvoice pdf error\t
72041\tbilling_code and billing_no invalid\t
72042\tbilling_code and billing_no repeated\t
72043\tbilling_code or billing_no size error\t
72044\tscan text out of time\t
72045\tcheck_code is empty\t
72046\tpdf_url is invalid\t
72047\tpdf billing_code or pdf billing_no is error\t
72048\tinsert too many invoice, need auth again\t
72049\tnever auth\t
72050\tauth expired, need auth again\t
72051\tapp type error\t
72052\tget too many invoice\t
72053\tuser never auth\t
72054\tinvoices is inserting, wait a moment please\t
72055\ttoo many invoices\t
72056\torder_id repeated, please check order_id\t
72057\ttoday insert limit\t
72058\tcallback biz error\t
72059\tthis invoice is giving to others, wait a moment please\t
72060\tthis invoice has been cancelled, check the reimburse_status please\t
72061\tthis invoice has been closed, check the reimburse_status please\t
72062\tthis code_auth_key is limited, try other code_auth_key please\t
72063\tbiz contact is empty, set contact first please\t
72064\ttbc error\t
72065\ttbc logic error\t
72066\tthe card is send for advertisement, not allow modify time and budget\t
72067\tBatchInsertAuthKey_Expired\t
72068\tBatchInsertAuthKey_Owner\t
72069\tBATCHTASKRUN_ERROR\t
72070\tBIZ_TITLE_KEY_OUT_TIME\t
72071\tDiscern_GaoPeng_Error\t
72072\tDiscern_Type_Error\t
72073\tFee_Error\t
72074\tHAS_Auth\t
72075\tHAS_SEND\t
72076\tINVOICESIGN\t
72077\tKEY_DELETED\t
72078\tKEY_EXPIRED\t
72079\tMOUNT_ERROR\t
72080\tNO_FOUND\t
72081\tNo_Pull_Pdf\t
72082\tPDF_CHECK_ERROR\t
72083\tPULL_PDF_FAIL\t
72084\tPUSH_BIZ_EMPTY\t
72085\tSDK_APPID_ERROR\t
72086\tSDK_BIZ_ERROR\t
72087\tSDK_URL_ERROR\t
72088\tSearch_Title_Fail\t
72089\tTITLE_BUSY\t
72090\tTITLE_NO_FOUND\t
72091\tTOKEN_ERR\t
72092\tUSER_TITLE_NOT_FOUND\t
72093\tVerify_3rd_Fail\t
73000\tsys error make out invoice failed\t
73001\twxopenid error\t
73002\tddh orderid empty\t
73003\twxopenid empty\t
73004\tfpqqlsh empty\t
73005\tnot a commercial\t
73006\tkplx empty\t
73007\tnsrmc empty\t
73008\tnsrdz empty\t
73009\tnsrdh empty\t
73010\tghfmc empty\t
73011\tkpr empty\t
73012\tjshj empty\t
73013\thjje empty\t
73014\thjse empty\t
73015\thylx empty\t
73016\tnsrsbh empty\t
73100\tkaipiao plat error\t
73101\tnsrsbh not cmp\t
73103\tinvalid wxa appid in url_cell, wxa appid is need to bind biz appid\t
73104\treach frequency limit\t
73105\tKp plat make invoice timeout, please try again with the same fpqqlsh\t
73106\tFpqqlsh exist with different ddh\t
73107\tFpqqlsh is processing, please wait and query later\t
73108\tThis ddh with other fpqqlsh already exist\t
73109\tThis Fpqqlsh not exist in kpplat\t
73200\tget card detail by card id and code fail\t
73201\tget cloud invoice record fail\t
73202\tget appinfo fail\t
73203\tget invoice category or rule kv error\t
73204\trequest card not exist\t
73205\t\t朋友的券玩法升级中，当前暂停创建，请创建其他类型卡券
73206\t\t朋友的券玩法升级中，当前暂停券点充值，请创建其他类型卡券
73207\t\t朋友的券玩法升级中，当前暂停开通券点账户
73208\t\t朋友的券玩法升级中，当前不支持修改库存
73209\t\t朋友的券玩法升级中，当前不支持修改有效期
73210\t\t当前批次不支持修改卡券批次库存
73211\t\t不再支持配置网页链接跳转，请选择小程序替代
73212\tunauthorized backup member\t
73213\tinvalid code type\t
73214\tthe user is already a member\t
73215\t\t支付打通券能力已下线，请直接使用微信支付代金券API：https://pay.weixin.qq.com/wiki/doc/apiv3/wxpay/marketing/convention/chapter1_1.shtml
73216\t\t不合法的按钮名字，请从中选择一个:使用礼品卡/立即使用/去点外卖
73217\t\t礼品卡本身没有设置appname和path，不允许在修改接口设置
73218\t\t未授权使用礼品卡落地页跳转小程序功能
74000\tnot find this wx_hotel_id info\t
74001\trequest some param empty\t
74002\trequest some param error\t
74003\trequest some param error\t
74004\tdatetime error\t
74005\tcheckin mode error\t
74007\tcarid from error\t
74008\tthis hotel routecode not exist\t
74009\tthis hotel routecode info error contract developer\t
74010\tmaybe not support report mode\t
74011\tpic deocde not ok maybe its not good picdata\t
74021\tverify sys erro\t
74022\tinner police erro\t
74023\tunable to detect the face\t
74040\treport checkin 2 lvye sys erro\t
74041\treport checkou 2 lvye sys erro\t
75001\tsome param emtpy please check\t
75002\tparam illegal please check\t
75003\tsys error kv store error\t
75004\tsys error kvstring store error\t
75005\tproduct not exist please check your product_id\t
75006\torder not exist please check order_id and buyer_appid\t
75007\tdo not allow this status to change please check this order_id status now\t
75008\tproduct has exist please use new id\t
75009\tnotify order status failed\t
75010\tbuyer bussiness info not exist\t
75011\tyou had registered\t
75012\tstore image key to kv error, please try again\t
75013\tget image fail, please check you image key\t
75014\tthis key is not belong to you\t
75015\tthis key is expired\t
75016\tencrypt decode key fail\t
75017\tencrypt encode key fail\t
75018\tbind buyer business info fail please contact us\t
75019\tthis key is empty, user may not upload file\t
76001\trid not found\trid不存在
76002\trid is error\trid为空或者格式错误
76003\tcould not query this rid,no permission\t当前账号无权查询该rid，该rid属于其他账号调用所产生
76004\t\trid过期，仅支持持续7天内的rid
76021\tcgi_path not found, please check\tcgi_path填错了
76022\tcould not use this cgi_path, no permission\t当前调用接口使用的token与api所属账号不符
80000\t\t系统错误，请稍后再试
80001\t\t参数格式校验错误
80002\t\t签名失败
80003\t\t该日期订单未生成
80004\t\t用户未绑卡
80005\t\t姓名不符
80006\t\t身份证不符
80007\t\t获取城市信息失败
80008\t\t未找到指定少儿信息
80009\t\t少儿身份证不符
80010\t\t少儿未绑定
80011\t\t签约号不符
80012\t\t该地区局方配置不存在
80013\t\t调用方appid与局方配置不匹配
80014\t\t获取消息账号失败
80066\t\t非法的插件版本
80067\t\t找不到使用的插件
80082\t\t没有权限使用该插件
80101\t\t商家未接入
80111\t\t实名校验code不存在
80112\t\tcode并发冲突
80113\t\t无效code
80201\t\treport_type无效
80202\t\tservice_type无效
80300\t\t申请单不存在
80301\t\t申请单不属于该账号
80302\t\t激活号段有重叠
80303\t\t码格式错误
80304\t\t该码未激活
80305\t\t激活失败
80306\t\t码索引超出申请范围
80307\t\t申请已存在
80308\t\t子任务未完成
80309\t\t子任务文件过期
80310\t\t子任务不存在
80311\t\t获取文件失败
80312\t\t加密数据失败
80313\t\t加密数据密钥不存在，请联系接口人申请
81000\tcan not set page_id in AddGiftCardPage\t
81001\tcard_list is empty\t
81002\tcard_id is not giftcard\t
81004\tbanner_pic_url is empty\t
81005\tbanner_pic_url is not from cdn\t
81006\tgiftcard_wrap_pic_url_list is empty\t
81007\tgiftcard_wrap_pic_url_list is not from cdn\t
81008\taddress is empty\t
81009\tservice_phone is invalid\t
81010\tbiz_description is empty\t
81011\tinvalid page_id\t
81012\tinvalid order_id\t
81013\tinvalid TIME_RANGE, begin_time + 31day must less than end_time\t
81014\tinvalid count! count must equal or less than 100\t
81015\tinvalid category_index OR category.title is empty OR is_banner but has_category_index\t
81016\tis_banner is more than 1\t
81017\torder status error, please check pay status or gifting_status\t
81018\trefund reduplicate, the order is already refunded\t
81019\tlock order fail! the order is refunding by another request\t
81020\tInvalid Args! page_id.size!=0 but all==true, or page_id.size==0 but all==false.\t
81021\tEmpty theme_pic_url.\t
81022\tEmpty theme.title.\t
81023\tEmpty theme.title_title.\t
81024\tEmpty theme.item_list.\t
81025\tEmpty theme.pic_item_list.\t
81026\tInvalid theme.title.length .\t
81027\tEmpty background_pic_url.\t
81028\tEmpty default_gifting_msg.\t
81029\tDuplicate order_id\t
81030\tPreAlloc code fail\t
81031\tToo many theme participate_activity\t
82000\tbiz_template_id not exist\t
82001\tresult_page_style_id not exist\t
82002\tdeal_msg_style_id not exist\t
82003\tcard_style_id not exist\t
82010\tbiz template not audit OK\t
82011\tbiz template banned\t
82020\tuser not use service first\t
82021\texceed long period\t
82022\texceed long period max send cnt\t
82023\texceed short period max send cnt\t
82024\texceed data size limit\t
82025\tinvalid url\t
82026\tservice disabled\t
82027\tinvalid miniprogram appid\t
82100\twx_cs_code should not be empty.\t
82101\twx_cs_code is invalid.\t
82102\twx_cs_code is expire.\t
82103\tuser_ip should not be empty.\t
82200\t\t公众平台账号与服务id不匹配
82201\t\t该停车场已存在，请勿重复添加
82202\t\t该停车场信息不存在，请先导入
82203\t\t停车场价格格式不正确
82204\t\tappid与code不匹配
82205\t\twx_park_code字段为空
82206\t\twx_park_code无效或已过期
82207\t\t电话字段为空
82208\t\t关闭时间格式不正确
82300\t\t该appid不支持开通城市服务插件
82301\t\t添加插件失败
82302\t\t未添加城市服务插件
82303\t\tfileid无效
82304\t\t临时文件过期
83000\tthere is some param not exist\t
83001\tsystem error\t
83002\tcreate_url_sence_failed\t
83003\tappid maybe error or retry\t
83004\tcreate appid auth failed or retry\t
83005\twxwebencrytoken errro\t
83006\twxwebencrytoken expired or no exist\t
83007\twxwebencrytoken expired\t
83008\twxwebencrytoken no auth\t
83009\twxwebencrytoken not the mate with openid\t
83200\tno exist service\t
83201\tuin has not the service\t
83202\tparams is not json or not json array\t
83203\tparams num exceed 10\t
83204\tobject has not key\t
83205\tkey is not string\t
83206\tobject has not value\t
83207\tvalue is not string\t
83208\tkey or value is empty\t
83209\tkey exist repeated\t
84001\tinvalid identify id\t
84002\tuser data expired\t
84003\tuser data not exist\t
84004\tvideo upload fail!\t
84005\tvideo download fail! please try again\t
84006\tname or id_card_number empty\t
85001\tuser not exist or user cannot be searched\t微信号不存在或微信号设置为不可搜索
85002\tnumber of tester reach bind limit\t小程序绑定的体验者数量达到上限
85003\tuser already bind too many weapps\t微信号绑定的小程序体验者达到上限
85004\tuser already bind\t微信号已经绑定
85005\tappid not bind weapp\t
85006\ttag is in invalid format\t标签格式错误
85007\tpage is in invalid format\t页面路径错误
85008\tcategory is in invalid format\t当前小程序没有已经审核通过的类目，请添加类目成功后重试
85009\talready submit a version under auditing\t已经有正在审核的版本
85010\tmissing required data\titem_list 有项目为空
85011\ttitle is in invalid format\t标题填写错误
85012\tinvalid audit id\t无效的审核 id
85013\tinvalid ext_json, parse fail or containing invalid path\t无效的自定义配置
85014\ttemplate not exist\t无效的模板编号
85015\t\t该账号不是小程序账号/版本输入错误
85016\texceed valid domain count\t域名数量超过限制 ，总数不能超过1000
85017\tno domain to modify after filtered, please confirm the domain has been set in miniprogram or open\t没有新增域名，请确认小程序已经添加了域名或该域名是否没有在第三方平台添加
85018\t\t域名没有在第三方平台设置
85019\tno version is under auditing\t没有审核版本
85020\tstatus not allowed\t审核状态未满足发布
85021\tstatus not allowed\t
85022\tinvalid action\t
85023\titem size is not in valid range\t审核列表填写的项目数不在 1-5 以内
85024\tneed complete material\t
85025\tthis phone reach bind limit\t
85026\tthis wechat account reach bind limit\t
85027\tthis idcard reach bind limit\t
85028\tthis contractor reach bind limit\t
85029\tnickname has used\t
85030\tinvalid nickname size(4-30)\t
85031\tnickname is forbidden\t
85032\tnickname is complained\t
85033\tnickname is illegal\t
85034\tnickname is protected\t
85035\tnickname is forbidden for different contractor\t
85036\tintroduction is illegal\t
85038\tstore has added\t
85039\tstore has added by others\t
85040\tstore has added by yourseld\t
85041\tcredential has used\t
85042\tnearby reach limit\t
85043\tinvalid template, something wrong?\t模板错误
85044\tpackage exceed max limit\t代码包超过大小限制
85045\tsome path in ext_json not exist\text_json 有不存在的路径
85046\tpagepath missing in tabbar list\ttabBar 中缺少 path
85047\tpages are empty\tpages 字段为空
85048\tparse ext_json fail\text_json 解析失败
85049\treach headimg or introduction quota limit\t
85050\tverifying, don't apply again\t
85051\tdata too large\tversion_desc或者preview_info超限
85052\tapp is already released\t
85053\tplease apply merchant first\t
85054\tpoi_id is null, please upgrade first\t
85055\tmap_poi_id is invalid\t
85056\tmediaid is invalid\t
85057\tinvalid widget data format\t
85058\tno valid audit_id exist\t
85059\toverseas access deny\t
85060\tinvalid taskid\t
85061\tthis phone reach bind limit\t
85062\tthis phone in black list\t
85063\tidcard in black list\t
85064\ttemplate not found\t找不到模板
85065\ttemplate list is full\t模板库已满
85066\tillegal prefix\t链接错误
85067\tinput data error\t
85068\ttest url is not the sub prefix\t测试链接不是子链接
85069\tcheck confirm file fail\t校验文件失败
85070\tprefix in black list\t个人类型小程序无法设置二维码规则
85071\tprefix added repeated\t已添加该链接，请勿重复添加
85072\tprefix owned by other\t该链接已被占用
85073\tprefix beyond limit\t二维码规则已满
85074\tnot published\t小程序未发布, 小程序必须先发布代码才可以发布二维码跳转规则
85075\tcan not access\t个人类型小程序无法设置二维码规则
85077\tsome category you choose is no longger supported, please choose other category\t小程序类目信息失效（类目中含有官方下架的类目，请重新选择类目）
85078\toperator info error\t
85079\tminiprogram has no online release\t小程序没有线上版本，不能进行灰度
85080\tminiprogram commit not approved\t小程序提交的审核未审核通过
85081\tinvalid gray percentage\t无效的发布比例
85082\tgray percentage too low\t当前的发布比例需要比之前设置的高
85083\tsearch status is banned\t搜索标记位被封禁，无法修改
85084\tsearch status invalid\t非法的 status 值，只能填 0 或者 1
85085\tsubmit audit reach limit pleasetry later\t小程序提审数量已达本月上限，请点击查看
85086\tmust commit before submit audit\t提交代码审核之前需提前上传代码
85087\tnavigatetominiprogram appid list empty\t小程序已使用 api navigateToMiniProgram，请声明跳转 appid 列表后再次提交
85088\tno qbase privilege\t
85089\tconfig not found\t
85090\twait and commit for this exappid later\t
85091\tsearch status was turned off\t小程序的搜索开关被关闭。请访问设置页面打开开关再重试
85092\tinvalid preview_info format\tpreview_info格式错误
85093\tinvalid preview_info size\tpreview_info 视频或者图片个数超限
85094\tneed add ugc declare\t需提供审核机制说明信息
85101\t\t小程序不能发送该运动类型或运动类型不存在
85102\t\t数值异常
86000\tshould be called only from third party\t不是由第三方代小程序进行调用
86001\tcomponent experience version not exists\t不存在第三方的已经提交的代码
86002\tminiprogram have not completed init procedure\t小程序还未设置昵称、头像、简介。请先设置完后再重新提交
86003\tcomponent do not has category mall\t
86004\tinvalid wechat\t
86005\twechat limit frequency\t
86006\thas no quota to send group msg\t
86007\t\t小程序禁止提交
86008\t\t服务商被处罚，限制全部代码提审能力
86009\t\t服务商新增小程序代码提审能力被限制
86010\t\t服务商迭代小程序代码提审能力被限制
87006\tthis is game miniprogram, submit audit is forbidden\t小游戏不能提交
87007\tsession_key is not existd or expired\t
87008\tinvalid sig_method\t
87009\tinvalid signature\t无效的签名
87010\tinvalid buffer size\t
87011\twxa has a gray release plan, forbid revert release\t现网已经在灰度发布，不能进行版本回退
87012\tforbid revert this version release\t该版本不能回退，可能的原因：1:无上一个线上版用于回退 2:此版本为已回退版本，不能回退 3:此版本为回退功能上线之前的版本，不能回退
87013\tno quota to undo code\t撤回次数达到上限（每天5次，每个月 10 次）
87014\trisky content\t
87015\tquery timeout, try a content with less size\t
87016\tsome key-value in list meet length exceed\t
87017\tuser storage size exceed, delete some keys and try again\t
87018\tuser has stored too much keys. delete some keys and try again\t
87019\tsome keys in list meet length exceed\t
87080\tneed friend\t
87081\tinvalid openid\t
87082\tinvalid key\t
87083\tinvalid operation\t
87084\tinvalid opnum\t
87085\tcheck fail\t
88000\twithout comment privilege\t
88001\tmsg_data is not exists\t
88002\tthe article is limit for safety\t
88003\telected comment upper limit\t
88004\tcomment was deleted by user\t
88005\talready reply\t
88007\treply content beyond max len or content len is zero\t
88008\tcomment is not exists\t
88009\treply is not exists\t
88010\tcount range error. cout <= 0 or count > 50\t
88011\tthe article is limit for safety\t
89000\taccount has bound open\taccount has bound open，该公众号/小程序已经绑定了开放平台帐号
89001\tnot same contractor\tnot same contractor，Authorizer 与开放平台帐号主体不相同
89002\topen not exists\topen not exists，该公众号/小程序未绑定微信开放平台帐号。
89003\topen is not created by api\t该开放平台帐号并非通过 api 创建，不允许操作
89004\t\t该开放平台帐号所绑定的公众号/小程序已达上限（100 个）
89005\twithout add video ability, the ability was banned\t
89006\twithout upload video ability, the ability was banned\t
89007\twxa quota limit\t
89008\toverseas account can not link\t
89009\twxa reach link limit\t
89010\tlink message has sent\t
89011\tcan not unlink nearby wxa\t
89012\tcan not unlink store or mall\t
89013\twxa is banned\t
89014\tsupport version error\t
89015\thas linked wxa\t
89016\treach same realname quota\t
89017\treach different realname quota\t
89018\tunlink message has sent\t
89019\twebview domain not change\t业务域名无更改，无需重复设置
89020\topen's webview domain is null! Need to set open's webview domain first!\t尚未设置小程序业务域名，请先在第三方平台中设置小程序业务域名后在调用本接口
89021\trequest domain is not open's webview domain!\t请求保存的域名不是第三方平台中已设置的小程序业务域名或子域名
89022\tdelete domain is not exist!\t
89029\twebview domain exceed limit\t业务域名数量超过限制，最多可以添加100个业务域名
89030\toperation reach month limit\t
89031\tuser bind reach limit\t
89032\tweapp bind members reach limit\t
89033\tempty wx or openid\t
89034\tuserstr is invalid\t
89035\tlinking from mp\t
89231\tnot support single\t个人小程序不支持调用 setwebviewdomain 接口
89235\thit black contractor\t
89236\tthis plugin can not apply\t该插件不能申请
89237\tplugin has send apply message or already bind\t已经添加该插件
89238\tplugin count reach limit\t申请或使用的插件已经达到上限
89239\tplugin no exist\t该插件不存在
89240\tonly applying status can be agreed or refused\t
89241\tonly refused status can be deleted, please refused first\t
89242\tappid is no in the apply list, make sure appid is right\t
89243\tcan not delete apply request in 24 hours\t该申请为“待确认”状态，不可删除
89244\tplugin appid is no in the plugin list, make sure plugin appid is right\t不存在该插件 appid
89245\tmini program forbidden to link\t
89246\tplugins with special category are used only by specific apps\t
89247\tinner error, retry after some while\t系统内部错误
89248\tinvalid code type\t
89249\ttask running\t
89250\tinner error, retry after some while\t内部错误
89251\tlegal person checking\t模板消息已下发，待法人人脸核身校验
89253\tfront checking\t法人&企业信息一致性校验中
89254\tlack of some component rights\t
89255\tenterprise code invalid\tcode参数无效，请检查code长度以及内容是否正确；注意code_type的值不同需要传的code长度不一样
89256\tno component info\ttoken 信息有误
89257\tno such version\t该插件版本不支持快速更新
89258\tcode is gray online\t当前小程序帐号存在灰度发布中的版本，不可操作快速更新
89259\tzhibo plugin is not allow to delete\t
89300\tinvalid trade\t订单无效
89401\t\t系统不稳定，请稍后再试，如多次失败请通过社区反馈
89402\t\t该小程序不在待审核队列，请检查是否已提交审核或已审完
89403\t\t本单属于平台不支持加急种类，请等待正常审核流程
89404\t\t本单已加速成功，请勿重复提交
89405\t\t本月加急额度已用完，请提高提审质量以获取更多额度
89501\t\t公众号有未处理的确认请求，请稍候重试
89502\t\t请耐心等待管理员确认
89503\t\t此次调用需要管理员确认，请耐心等候
89504\t\t正在等管理员确认，请耐心等待
89505\t\t正在等管理员确认，请稍候重试
89506\t\t该IP调用求请求已被公众号管理员拒绝，请24小时后再试，建议调用前与管理员沟通确认
89507\t\t该IP调用求请求已被公众号管理员拒绝，请1小时后再试，建议调用前与管理员沟通确认
90001\tinvalid order id\t
90002\tinvalid busi id\t
90003\tinvalid bill date\t
90004\tinvalid bill type\t
90005\tinvalid platform\t
90006\tbill not exists\t
90007\tinvalid openid\t
90009\tmp_sig error\t
90010\tno session\t
90011\tsig error\t
90012\torder exist\t
90013\tbalance not enough\t
90014\torder has been confirmed\t
90015\torder has been canceled\t
90016\torder is being processed\t
90017\tno privilege\t
90018\tinvalid parameter\t
91001\tnot fast register\t不是公众号快速创建的小程序
91002\thas published\t小程序发布后不可改名
91003\tinvalid change stat\t改名状态不合法
91004\tinvalid nickname\t昵称不合法
91005\tnickname protected\t昵称 15 天主体保护
91006\tnickname used by username\t昵称命中微信号
91007\tnickname used\t昵称已被占用
91008\tnickname protected\t昵称命中 7 天侵权保护期
91009\tnickname need proof\t需要提交材料
91010\t\t其他错误
91011\t\t查不到昵称修改审核单信息
91012\t\t其它错误
91013\tlock name too more\t占用名字过多
91014\tdiff master plus\t+号规则 同一类型关联名主体不一致
91015\tdiff master\t原始名不同类型主体不一致
91016\tname more owner\t名称占用者 ≥2
91017\tother diff master plus\t+号规则 不同类型关联名主体不一致
91018\t\t组织类型小程序发布后，侵权被清空昵称，需走认证改名
91019\t\t小程序正在审核中
92000\t\t该经营资质已添加，请勿重复添加
92002\t\t附近地点添加数量达到上线，无法继续添加
92003\t\t地点已被其它小程序占用
92004\t\t附近功能被封禁
92005\t\t地点正在审核中
92006\t\t地点正在展示小程序
92007\t\t地点审核失败
92008\t\t小程序未展示在该地点
93009\t\t小程序未上架或不可见
93010\t\t地点不存在
93011\t\t个人类型小程序不可用
93012\t\t非普通类型小程序（门店小程序、小店小程序等）不可用
93013\t\t从腾讯地图获取地址详细信息失败
93014\t\t同一资质证件号重复添加
93015\t\t附近类目审核中
93016\t\t服务标签个数超限制（官方最多5个，自定义最多4个）
93017\t\t服务标签或者客服的名字不符合要求
93018\t\t服务能力中填写的小程序appid不是同主体小程序
93019\t\t申请类目之后才能添加附近地点
93020\t\tqualification_list无效
93021\t\tcompany_name字段为空
93022\t\tcredential字段为空
93023\t\taddress字段为空
93024\t\tqualification_list字段为空
93025\t\t服务appid对应的path不存在
94001\tmissing cert_serialno\t
94002\tuse not register wechat pay\t
94003\tinvalid sign\t
94004\tuser do not has real name info\t
94005\tinvalid user token\t
94006\tappid unauthorized\t
94007\tappid unbind mchid\t
94008\tinvalid timestamp\t
94009\tinvalid cert_serialno, cert_serialno's size should be 40\t
94010\tinvalid mch_id\t
94011\ttimestamp expired\t
94012\t\tappid和商户号的绑定关系不存在
95001\twxcode decode fail\t
95002\twxcode recognize unautuorized\t
95101\tget product by page args invalid\t
95102\tget product materials by cond args invalid\t
95103\tmaterial id list size out of limit\t
95104\timport product frequence out of limit\t
95105\tmp is importing products, api is rejected to import\t
95106\tapi is rejected to import, need to set commission ratio on mp first\t
101000\t\t无效图片链接
101001\t\t未找到证书
101002\tnot enough market quota\t
200002\t\t入参错误
200011\t\t此账号已被封禁，无法操作
200012\t\t个人模板数已达上限，上限25个
200013\t\t此模板已被封禁，无法选用
200014\t\t模板 tid 参数错误
200016\t\tstart 参数错误
200017\t\tlimit 参数错误
200018\t\t类目 ids 缺失
200019\t\t类目 ids 不合法
200020\t\t关键词列表 kidList 参数错误
200021\t\t场景描述 sceneDesc 参数错误
300001\t\t禁止创建/更新商品（如商品创建功能被封禁） 或 禁止编辑&更新房间
300002\t\t名称长度不符合规则
300003\t\t价格输入不合规（如现价比原价大、传入价格非数字等）
300004\t\t商品名称存在违规违法内容
300005\t\t商品图片存在违规违法内容
300006\t\t图片上传失败（如mediaID过期）
300007\t\t线上小程序版本不存在该链接
300008\t\t添加商品失败
300009\t\t商品审核撤回失败
300010\t\t商品审核状态不对（如商品审核中）
300011\t\t操作非法（API不允许操作非API创建的商品）
300012\t\t没有提审额度（每天500次提审额度）
300013\t\t提审失败
300014\t\t审核中，无法删除（非零代表失败）
300017\t\t商品未提审
300021\t\t商品添加成功，审核失败
300022\t\t此房间号不存在
300023\t\t房间状态 拦截（当前房间状态不允许此操作）
300024\t\t商品不存在
300025\t\t商品审核未通过
300026\t\t房间商品数量已经满额
300027\t\t导入商品失败
300028\t\t房间名称违规
300029\t\t主播昵称违规
300030\t\t主播微信号不合法
300031\t\t直播间封面图不合规
300032\t\t直播间分享图违规
300033\t\t添加商品超过直播间上限
300034\t\t主播微信昵称长度不符合要求
300035\t\t主播微信号不存在
300036\t\t主播微信号未实名认证
600001\tinvalid file name\t
600002\tno permission to upload file\t
600003\tinvalid size of source\t
928000\t\t票据已存在
928001\t\t票据不存在
930555\tsysem error\t
930556\tdelivery timeout\t
930557\tdelivery system error\t
930558\tdelivery logic error\t
930559\tinvaild openid\t沙盒环境openid无效
930560\tshopid need bind first\t
930561\targs error\t参数错误
930562\torder already exists\t
930563\torder not exists\t订单不存在
930564\tquota run out, try next day\t沙盒环境调用无配额
930565\torder finished\t
930566\tnot support, plz auth at mp.weixin.qq.com\t
930567\tshop arg error\t
930568\tnot personal account\t不支持个人类型小程序
930569\talready open\t已经开通不需要再开通
930570\tcargo_first_class or cargo_second_class invalid\t
930571\t\t该商户没有内测权限，请先申请权限: https://wj.qq.com/s2/7243532/fcfb/
931010\tfee already set\t
6000100\tunbind download url\t
6000101\tno response data\t
6000102\tresponse data too big\t
9001001\t\tPOST 数据参数不合法
9001002\t\t远端服务不可用
9001003\t\tTicket 不合法
9001004\t\t获取摇周边用户信息失败
9001005\t\t获取商户信息失败
9001006\t\t获取 OpenID 失败
9001007\t\t上传文件缺失
9001008\t\t上传素材的文件类型不合法
9001009\t\t上传素材的文件尺寸不合法
9001010\t\t上传失败
9001020\t\t帐号不合法
9001021\t\t已有设备激活率低于 50% ，不能新增设备
9001022\t\t设备申请数不合法，必须为大于 0 的数字
9001023\t\t已存在审核中的设备 ID 申请
9001024\t\t一次查询设备 ID 数量不能超过 50
9001025\t\t设备 ID 不合法
9001026\t\t页面 ID 不合法
9001027\t\t页面参数不合法
9001028\t\t一次删除页面 ID 数量不能超过 10
9001029\t\t页面已应用在设备中，请先解除应用关系再删除
9001030\t\t一次查询页面 ID 数量不能超过 50
9001031\t\t时间区间不合法
9001032\t\t保存设备与页面的绑定关系参数错误
9001033\t\t门店 ID 不合法
9001034\t\t设备备注信息过长
9001035\t\t设备申请参数不合法
9001036\t\t查询起始值 begin 不合法
9002008\tparams invalid\t
9002009\tshop id not exist\t
9002010\tssid or password should start with "WX"\t
9002011\tssid can not include chinese\t
9002012\tpasssword can not include chinese\t
9002013\tpassword must be between 8 and 24 characters\t
9002016\tdevice exist\t
9002017\tdevice not exist\t
9002026\tthe size of query list reach limit\t
9002041\tnot allowed to modify, ensure you are an certified or component account\t
9002044\tinvalid ssid, can not include none utf8 characters, and should be between 1 and 32 bytes\t
9002052\tshop id has not be audited, this bar type is not enable\t
9007003\tprotocol type is not same with the exist device\t
9007004\tssid not exist\t
9007005\tdevice count limit\t
9008001\tcard info not exist\t
9008002\tcard expiration time is invalid\t
9008003\turl size invalid, keep less than 255\t
9008004\turl can not include chinese\t
9200001\torder_id not exist\t
9200002\torder of other biz\t
9200003\tblocked\t
9200211\tpayment notice disabled\t
9200231\tpayment notice not exist\t
9200232\tpayment notice paid\t
9200233\tpayment notice canceled\t
9200235\tpayment notice expired\t
9200236\tbank not allow\t
9200295\tfreq limit\t
9200297\tsuspend payment at current time\t
9200298\t3rd resp decrypt error\t
9200299\t3rd resp system error\t
9200300\t3rd resp sign error\t
9201000\tdesc empty\t
9201001\tfee not equal items'\t
9201002\tpayment info incorrect\t
9201003\tfee is 0\t
9201004\tpayment expire date format error\t
9201005\tappid error\t
9201006\tpayment order id error\t
9201007\topenid error\t
9201008\treturn_url error\t
9201009\tip error\t
9201010\torder_id error\t
9201011\treason error\t
9201012\tmch_id error\t
9201013\tbill_date error\t
9201014\tbill_type error\t
9201015\ttrade_type error\t
9201016\tbank_id error\t
9201017\tbank_account error\t
9201018\tpayment_notice_no error\t
9201019\tdepartment_code error\t
9201020\tpayment_notice_type error\t
9201021\tregion_code error\t
9201022\tdepartment_name error\t
9201023\tfee not equal finance's\t
9201024\trefund_out_id error\t
9201026\tnot combined order_id\t
9201027\tpartial sub order is test\t
9201029\tdesc too long\t
9201031\tsub order list size error\t
9201032\tsub order repeated\t
9201033\tauth_code empty\t
9201034\tbank_id empty but mch_id not empty\t
9201035\tsum of other fees exceed total fee\t
9202000\tother user paying\t
9202001\tpay process not finish\t
9202002\tno refund permission\t
9202003\tip limit\t
9202004\tfreq limit\t
9202005\tuser weixin account abnormal\t
9202006\taccount balance not enough\t
9202010\trefund request repeated\t
9202011\thas refunded\t
9202012\trefund exceed total fee\t
9202013\tbusi_id dup\t
9202016\tnot check sign\t
9202017\tcheck sign failed\t
9202018\tsub order error\t
9202020\torder status error\t
9202021\tunified order repeatedly\t
9203000\trequest to notification url fail\t
9203001\thttp request fail\t
9203002\thttp response data error\t
9203003\thttp response data RSA decrypt fail\t
9203004\thttp response data AES decrypt fail\t
9203999\tsystem busy, please try again later\t
9204000\tgetrealname token error\t
9204001\tgetrealname user or token error\t
9204002\tgetrealname appid or token error\t
9205000\tfinance conf not exist\t
9205001\tbank conf not exist\t
9205002\twei ban ju conf not exist\t
9205010\tsymmetric key conf not exist\t
9205101\tout order id not exist\t
9205201\tbill not exist\t
9206000\t3rd resp pay_channel empty\t
9206001\t3rd resp order_id empty\t
9206002\t3rd resp bill_type_code empty\t
9206003\t3rd resp bill_no empty\t
9206200\t3rd resp empty\t
9206201\t3rd resp not json\t
9206900\tconnect 3rd error\t
9206901\tconnect 3rd timeout\t
9206910\tread 3rd resp error\t
9206911\tread 3rd resp timeout\t
9207000\tboss error\t
9207001\twechat pay error\t
9207002\tboss param error\t
9207003\tpay error\t
9207004\tauth_code expired\t
9207005\tuser balance not enough\t
9207006\tcard not support\t
9207007\torder reversed\t
9207008\tuser paying, need input password\t
9207009\tauth_code error\t
9207010\tauth_code invalid\t
9207011\tnot allow to reverse when user paying\t
9207012\torder paid\t
9207013\torder closed\t
9207028\tvehicle not exists\t
9207029\tvehicle request blocked\t
9207030\tvehicle auth error\t
9207031\tcontract over limit\t
9207032\ttrade error\t
9207033\ttrade time invalid\t
9207034\tchannel type invalid\t
9207050\texpire_time range error\t
9210000\tquery finance error\t
9291000\topenid error\t
9291001\topenid appid not match\t
9291002\tapp_appid not exist\t
9291003\tapp_appid not app\t
9291004\tappid empty\t
9291005\tappid not match access_token\t
9291006\tinvalid sign\t
9299999\tbackend logic error\t
9300001\tbegin_time can not before now\t
9300002\tend_time can not before now\t
9300003\tbegin_time must less than end_time\t
9300004\tend_time - begin_time > 1year\t
9300005\tinvalid max_partic_times\t
9300006\tinvalid activity status\t
9300007\tgift_num must >0 and <=15\t
9300008\tinvalid tiny appid\t
9300009\tactivity can not finish\t
9300010\tcard_info_list must >= 2\t
9300011\tinvalid card_id\t
9300012\tcard_id must belong this appid\t
9300013\tcard_id is not swipe_card or pay.cash\t
9300014\tsome card_id is out of stock\t
9300015\tsome card_id is invalid status\t
9300016\tmembership or new/old tinyapp user only support one\t
9300017\tinvalid logic for membership\t
9300018\tinvalid logic for tinyapp new/old user\t
9300019\tinvalid activity type\t
9300020\tinvalid activity_id\t
9300021\tinvalid help_max_times\t
9300022\tinvalid cover_url\t
9300023\tinvalid gen_limit\t
9300024\tcard's end_time cannot early than act's end_time\t
9300501\tDelivery side error\t快递侧逻辑错误，详细原因需要看 delivery_resultcode, 请先确认一下编码方式，python建议 json.dumps(b, ensure_ascii=False)，php建议 json_encode($arr, JSON_UNESCAPED_UNICODE)
9300502\tDelivery side sys error\t快递公司系统错误
9300503\tSpecified delivery id is not registerred\tdelivery_id 不存在
9300504\tSpecified delivery id has beed banned\tservice_type 不存在
9300505\tShop banned\t
9300506\tOrder can't cancel\t运单 ID 已经存在轨迹，不可取消
9300507\tinvalid token, can't decryption or decryption result is different from the plaintext\tToken 不正确
9300508\torder id has been used\t
9300509\tspeed limit, retry too fast\t
9300510\tinvalid service type\t
9300511\tinvalid branch id\t
9300512\tinvalid waybill template format\t模板格式错误，渲染失败
9300513\tout of quota\t
9300514\tadd net branch fail, try update branch api\t
9300515\twxa appid not exist\t
9300516\twxa appid and current bizuin is not linked or not the same owner\t
9300517\tinvalid update_type, please use [bind] or [unbind]\tupdate_type 不正确,请使用"bind" 或者“unbind”
9300520\tinvalid delivery id\t
9300521\tthe orderid is in our system, and waybill is generating\t
9300522\tthis orderid is repeated\t
9300523\tquota is not enough; go to charge please\t
9300524\torder already canceled\t订单已取消（一般为重复取消订单）
9300525\tbiz id not bind\tbizid未绑定
9300526\targ size exceed limit\t参数字段长度不正确
9300527\tdelivery does not support quota\t
9300528\tinvalid waybill_id\t
9300529\tbiz_id already binded\t账号已绑定过
9300530\tbiz_id is not exist\t解绑的biz_id不存在
9300531\tinvalid biz_id or password\tbizid无效 或者密码错误
9300532\tbind submit, and is checking\t绑定已提交，审核中
9300533\tinvalid tagid_list\t
9300534\tinvalid appid, not same body\tadd_source=2时，wx_appid和当前小程序不同主体
9300535\tinvalid shop arg\tshop字段商品缩略图 url、商品名称为空或者非法，或者商品数量为0
9300536\tinvalid wxa_appid\tadd_source=2时，wx_appid无效
9300537\tfreq limit\t
9300538\tinput task empty\t
9300539\ttoo many task\t
9300540\ttask not exist\t
9300541\tdelivery callback error\t
9300601\tid_card_no is invalid\t
9300602\tname is invalid\t
9300603\tplate_no is invalid\t
9300604\tauth_key decode error\t
9300605\tauth_key is expired\t
9300606\tauth_key and appinfo not match\t
9300607\tuser not confirm\t
9300608\tuser confirm is expired\t
9300609\tapi exceed limit\t
9300610\tcar license info is invalid\t
9300611\tvarification type not support\t
9300701\tinput param error\t
9300702\tthis code has been used\t
9300703\tinvalid date\t
9300704\tnot currently available\t
9300705\tcode not exist or expired\t
9300706\tcode not exist or expired\t
9300707\twxpay error\t
9300708\twxpay overlimit\t
9300801\t\t无效的微信号
9300802\t\t服务号未开通导购功能
9300803\t\t微信号已经绑定为导购
9300804\t\t该微信号不是导购
9300805\t\t微信号已经被其他账号绑定为导购
9300806\t\t粉丝和导购不存在绑定关系
9300807\t\t标签值无效，不是可选标签值
9300808\t\t标签值不存在
9300809\t\t展示标签值不存在
9300810\t\t导购昵称太长，最多16个字符
9300811\t\t只支持mmbiz.qpic.cn域名的图片
9300812\t\t达到导购绑定个数限制
9300813\t\t达到导购粉丝绑定个数限制
9300814\t\t敏感词个数超过上限
9300815\t\t快捷回复个数超过上限
9300816\t\t文字素材个数超过上限
9300817\t\t小程序卡片素材个数超过上限
9300818\t\t图片素材个数超过上限
9300819\t\tmediaid 有误
9300820\t\t可查询标签类别超过上限
9300821\t\t小程序卡片内appid不符合要求
9300822\t\t标签类别的名字无效
9300823\t\t查询聊天记录时间参数有误
9300824\t\t自动回复字数太长
9300825\t\t导购群组id错误
9300826\t\t维护中
9301001\tinvalid parameter\t
9301002\tcall api service failed\t
9301003\tinternal exception\t
9301004\tsave data error\t
9301006\tinvalid appid\t
9301007\tinvalid api config\t
9301008\tinvalid api info\t
9301009\tadd result check failed\t
9301010\tconsumption failure\t
9301011\tfrequency limit reached\t
9301012\tservice timeout\t
9400001\t\t该开发小程序已开通小程序直播权限，不支持发布版本。如需发版，请解绑开发小程序后再操作。
9401001\t\t商品已存在
9401002\t\t商品不存在
9401003\t\t类目已存在
9401004\t\t类目不存在
9401005\t\tSKU已存在
9401006\t\tSKU不存在
9401007\t\t属性已存在
9401008\t\t属性不存在
9401020\t\t非法参数
9401021\t\t没有商品权限
9401022\tSPU NOT ALLOW\t
9401023\tSPU_NOT_ALLOW_EDIT\t
9401024\tSKU NOT ALLOW\t
9401025\tSKU_NOT_ALLOW_EDIT\t
9402001\tlimit too large\t
9402002\tsingle send been blocked\t
9402003\tall send been blocked\t
9402004\tinvalid msg id\t
9402005\tsend msg too quick\t
9402006\tsend to single user too quick\t
9402007\tsend to all user too quick\t
9402008\tsend type error\t
9402009\tcan not send this msg\t
9402010\tcontent too long or no content\t
9402011\tpath not exist\t
9402012\tcontain evil word\t
9402013\tpath need html suffix\t
9402014\tnot open to personal body type\t
9402015\tnot open to violation body type\t
9402016\tnot open to low quality provider\t
9402101\tinvalid product_id\t
9402102\tdevice_id count more than limit\t
9402202\tconcurrent limit\t请勿频繁提交，待上一次操作完成后再提交
9402301\tuser not book this ad id\t
9403000\t\t消息类型错误!
9403001\t\t消息字段的内容过长!
9403002\t\t消息字段的内容违规!
9403003\t\t发送的微信号太多!
9403004\t\t存在错误的微信号!
9410000\tlive room not exsits\t直播间列表为空
9410001\tinner error: get room fail\t获取房间失败
9410002\tinner error: get goods fail\t获取商品失败
9410003\tinner error: get replay url fail\t获取回放失败
9410010\t\tlong_data长度超过限制（4KB）
9410011\t\texpire_seconds超过限制`;
