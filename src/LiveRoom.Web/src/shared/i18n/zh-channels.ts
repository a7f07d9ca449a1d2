import type { enChannels } from './en-channels';

// 私域渠道的中文界面文字（观众页的二维码卡片与控制台的渠道设置）。键与 en-channels.ts 完全一致。

export const zhChannels: Record<keyof typeof enChannels, string> = {
  'channel.qrLabel': '私域渠道二维码',
  'channel.scanHint': '用手机扫描二维码，或在此直接打开。',
  'channel.saveQr': '保存二维码',
  'channel.open.weChat': '关注微信公众号',
  'channel.open.weCom': '添加企业微信',
  'channel.open.whatsApp': '在 WhatsApp 上聊天',
  'channel.open.line': '添加 LINE 好友',
  'channel.open.link': '打开链接',
  'channel.settingsTitle': '私域渠道',
  'channel.settingsHint': '观众会看到二维码和链接；每次扫码和点击都会计入该观众。',
  'channel.enabled': '向观众展示渠道',
  'channel.kind': '类型',
  'channel.kind.weChat': '微信公众号',
  'channel.kind.weCom': '企业微信',
  'channel.kind.whatsApp': 'WhatsApp',
  'channel.kind.line': 'LINE',
  'channel.kind.link': '其他链接',
  'channel.url': '网址（https://…）',
  'channel.labelEn': '标题（英文）',
  'channel.labelZh': '标题（中文）',
  'channel.save': '保存渠道',
  'channel.saved': '已保存。',
};
