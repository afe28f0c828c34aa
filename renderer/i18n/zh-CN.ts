/**
 * Chinese (zh-CN), the default language. `en.ts` must have exactly the same keys (the type below
 * and tests/component/i18n-parity.test.ts check it). Avoid `@`, `|`, `{` and `}` except for
 * placeholders: they are vue-i18n message syntax.
 */
export const zhCN = {
  app: {
    name: '政务自助服务终端',
  },
  language: {
    label: '切换语言',
    /** Each language is named in itself (an endonym), in both message files. */
    names: { zhCN: '中文', en: 'English' },
  },
  attract: {
    title: '政务自助服务',
    subtitle: '公积金、纳税业务，自助办理',
    canDo: '在这里可以办理',
    touchToStart: '点击屏幕开始',
    start: '开始办理',
    starting: '正在开始…',
    cleared: '您的信息已清除',
    clearedDetail: '感谢使用，祝您办事顺利。',
    outOfService: '本终端暂停服务',
    outOfServiceHint: '请到人工窗口办理',
    startFailed: '暂时无法开始：{reason}',
  },
  home: {
    title: '请选择要办理的业务',
    hint: '点击下方的业务开始办理',
    unavailable: '暂不可用',
  },
  services: {
    fund: {
      bind: { title: '绑定钱包', summary: '把公积金账户绑定到数字钱包' },
      unbind: { title: '解除绑定', summary: '解除公积金账户与钱包的绑定' },
      query: { title: '余额查询', summary: '查询公积金余额和缴存明细' },
    },
    tax: {
      records: { title: '纳税记录', summary: '查询个人纳税记录' },
      certificate: { title: '完税证明', summary: '打印《纳税记录》完税证明' },
    },
    wallet: {
      guide: { title: '钱包指引', summary: '合作钱包介绍与开通方法' },
    },
    help: {
      faq: { title: '常见问题', summary: '常见问题解答与客服电话' },
      feedback: { title: '投诉反馈', summary: '提交投诉、意见和建议' },
      callStaff: { title: '人工协助', summary: '请工作人员过来帮您' },
    },
  },
  unavailable: {
    COMING_SOON: '即将开放',
    OUT_OF_SERVICE: '终端暂停服务',
    CENTRAL_OFFLINE: '中心系统暂时连接不上',
    DEVICE_UNAVAILABLE: '{device}暂不可用：{status}',
    alternative: '请到人工窗口办理',
  },
  devices: {
    cardReader: '读卡器',
    camera: '摄像头',
    receiptPrinter: '凭条打印机',
    a4Printer: 'A4 打印机',
  },
  deviceCodes: {
    OK: '正常',
    MEDIA_LOW: '纸张不足',
    MEDIA_EMPTY: '缺纸',
    JAMMED: '卡纸',
    COVER_OPEN: '机盖未关',
    OFFLINE: '未连接',
    HARDWARE_ERROR: '硬件故障',
    NOT_RESPONDING: '无响应',
    NOT_CONFIGURED: '未配置',
    PERMISSION_DENIED: '无权限',
  },
  status: {
    region: '终端状态',
    terminal: '终端 {id}',
    connection: {
      online: '已联网',
      offline: '离线服务',
      unknown: '正在连接',
      lost: '连接中断',
    },
    dataUpdated: '数据更新于 {time}',
    dataNever: '数据尚未更新',
    demo: '演示 DEMO',
    demoLabel: '演示模式',
    issues: '有 {count} 条提示，请工作人员查看',
    clock: '当前时间',
  },
  elder: {
    label: '大字版',
    on: '大字版已开启',
    off: '大字版已关闭',
    stateOn: '开',
    stateOff: '关',
  },
  frame: {
    home: '返回首页',
    finish: '结束',
    back: '上一步',
    step: '第 {current} 步，共 {total} 步',
    navigation: '页面导航',
  },
  idle: {
    title: '还需要更多时间吗？',
    body: '如无操作，将在 {seconds} 秒后结束，并清除您的信息。',
    seconds: '{seconds} 秒',
    continue: '继续',
  },
  comingSoon: {
    title: '{service}即将开放',
    body: '这项业务还在建设中，暂时不能在本机办理。',
    alternative: '请到人工窗口办理，或选择其他业务。',
  },
  recovering: {
    title: '正在恢复连接',
    body: '请稍候，终端正在重新连接。',
    hint: '如长时间没有恢复，请联系工作人员。',
  },
  errors: {
    INVALID_INPUT: '输入的信息有误，请检查后重试。',
    UNKNOWN_METHOD: '终端软件出现问题，请联系工作人员。',
    NO_SESSION: '本次办理已结束，请重新开始。',
    SESSION_MISMATCH: '本次办理已结束，请重新开始。',
    NOT_SIGNED_IN: '请先验证身份。',
    QA_MODE_ONLY: '该功能仅供测试使用。',
    OUT_OF_SERVICE: '本终端暂停服务，请到人工窗口办理。',
    CENTRAL_UNREACHABLE: '中心系统暂时连接不上，请稍后再试或到人工窗口办理。',
    CENTRAL_REJECTED: '中心系统未能受理，请到人工窗口咨询。',
    STORE_WRITE_FAILED: '终端暂时无法保存，请联系工作人员。',
    DEVICE_UNAVAILABLE: '所需设备暂不可用，请到人工窗口办理。',
    PRINT_FAILED: '打印失败，请联系工作人员。',
    RATE_LIMITED: '尝试次数过多，请稍后再试。',
    ID_NUMBER_INVALID: '身份证号码有误，请核对后重新输入。',
    RESIDENT_NOT_FOUND: '没有查到您的登记信息，请核对号码或到人工窗口咨询。',
    NO_PHONE_ON_FILE: '您没有登记手机号码，无法接收短信验证码，请选择其他方式或到人工窗口办理。',
    SMS_NOT_SENT: '请先获取短信验证码。',
    SMS_RESEND_TOO_SOON: '验证码已发送，请稍后再重新获取。',
    SMS_CODE_WRONG: '验证码不正确，请重新输入。',
    SMS_CODE_EXPIRED: '验证码已过期，请重新获取。',
    SMS_CODE_VOID: '验证码输错次数过多，已失效，请重新获取。',
    NO_CARD: '没有检测到身份证，请把身份证放在读卡区。',
    CARD_READ_ERROR: '身份证读取失败，请重新放置，或改为输入身份证号码。',
    CARD_EXPIRED: '身份证已过有效期，请改为输入身份证号码或到人工窗口办理。',
    CARD_MISMATCH: '身份证信息与登记信息不一致，请到人工窗口办理。',
    FACE_IMAGE_INVALID: '没有拍清楚，请正对摄像头重新拍照。',
    FACE_NOT_MATCHED: '人脸比对未通过，可改用短信验证码验证。',
    ALREADY_VERIFIED: '您已经完成身份验证。',
    IDENTITY_LOCKED: '身份验证失败次数过多，本次办理已结束，请联系工作人员。',
    INTERNAL: '出现意外问题，请稍后再试或联系工作人员。',
    code: '错误代码：{code}',
  },
}

/** The shape every message file has; `en.ts` is typed with it. */
export type Messages = typeof zhCN
