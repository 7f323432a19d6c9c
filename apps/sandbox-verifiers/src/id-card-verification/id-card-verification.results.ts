/** Result codes of the two-element check (Tencent IdCardVerification), and which ones are billed. */
export const ID_CARD_RESULTS = {
  '0': { description: '姓名和身份证号一致', billed: true },
  '-1': { description: '姓名和身份证号不一致', billed: true },
  '-2': { description: '非法身份证号（长度、校验位等不正确）', billed: false },
  '-3': { description: '非法姓名（长度、格式等不正确）', billed: false },
  '-5': { description: '证件库中无此身份证记录', billed: false },
} as const;

export type IdCardResult = keyof typeof ID_CARD_RESULTS;

export interface IdCardVerificationAnswer {
  Result: IdCardResult;
  Description: string;
  Billed: boolean;
}

export function idCardAnswer(result: IdCardResult): IdCardVerificationAnswer {
  const { description, billed } = ID_CARD_RESULTS[result];
  return { Result: result, Description: description, Billed: billed };
}
