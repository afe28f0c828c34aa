/**
 * The demo terminal: the identity and key a terminal uses
 * against the bundled central service when nothing is configured. Both sides read it from here so
 * a standalone central service and a terminal started without configuration recognise each other.
 * Never valid in production: a configured central address requires a configured key.
 */
export const DEMO_TERMINAL = {
  terminalId: 'FZ-GJJ-T001',
  terminalKey: 'demo-terminal-key-not-for-production',
  hallName: '福州市住房公积金中心 鼓楼服务大厅',
  hallNameEn: 'Fuzhou Housing Provident Fund Centre · Gulou Hall',
} as const
