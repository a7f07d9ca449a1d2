// English UI strings of the private channel: the viewer page's QR card and the console's channel settings.
// Part of `en` (en.ts); zh-channels.ts must have exactly the same keys.

export const enChannels = {
  'channel.qrLabel': 'QR code to our private channel',
  'channel.scanHint': 'Scan the code with your phone, or open it here.',
  'channel.saveQr': 'Save the QR code',
  'channel.open.weChat': 'Follow on WeChat',
  'channel.open.weCom': 'Add us on WeCom',
  'channel.open.whatsApp': 'Chat on WhatsApp',
  'channel.open.line': 'Add us on LINE',
  'channel.open.link': 'Open the link',
  'channel.settingsTitle': 'Private channel',
  'channel.settingsHint': 'Viewers see a QR code and a link to it; each scan and click is counted for the viewer.',
  'channel.enabled': 'Show the channel to viewers',
  'channel.kind': 'Kind',
  'channel.kind.weChat': 'WeChat official account',
  'channel.kind.weCom': 'WeCom',
  'channel.kind.whatsApp': 'WhatsApp',
  'channel.kind.line': 'LINE',
  'channel.kind.link': 'Other link',
  'channel.url': 'Web address (https://…)',
  'channel.labelEn': 'Title (English)',
  'channel.labelZh': 'Title (Chinese)',
  'channel.save': 'Save the channel',
  'channel.saved': 'Saved.',
} as const;
