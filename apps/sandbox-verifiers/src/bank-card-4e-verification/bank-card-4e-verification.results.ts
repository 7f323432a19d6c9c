/**
 * Result codes of the bank-card four-element check (Tencent
 * BankCard4EVerification numbering), and which ones are billed.
 */
export const BANK_CARD_4E_RESULTS = {
  '0': { description: '认证通过', billed: true },
  '-1': { description: '认证未通过', billed: true },
  '-2': { description: '姓名校验不通过', billed: false },
  '-3': { description: '身份证号码有误', billed: false },
  '-4': { description: '银行卡号码有误', billed: false },
  '-5': { description: '手机号码不合法', billed: false },
  '-6': { description: '持卡人信息有误', billed: true },
  '-7': { description: '未开通无卡支付', billed: false },
  '-9': { description: '无效卡号', billed: false },
  '-13': { description: '此卡已挂失', billed: false },
  '-14': { description: '该卡已过期', billed: false },
} as const;

export type BankCard4EResult = keyof typeof BANK_CARD_4E_RESULTS;

export interface BankCard4EVerificationAnswer {
  Result: BankCard4EResult;
  Description: string;
  Billed: boolean;
}

export function bankCard4EAnswer(result: BankCard4EResult): BankCard4EVerificationAnswer {
  const { description, billed } = BANK_CARD_4E_RESULTS[result];
  return { Result: result, Description: description, Billed: billed };
}
