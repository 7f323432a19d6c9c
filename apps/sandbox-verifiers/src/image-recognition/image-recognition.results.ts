/** Result codes of the face comparison (Tencent ImageRecognition), and which ones are billed. */
export const IMAGE_RECOGNITION_RESULTS = {
  Success: { description: '成功', billed: true },
  'FailedOperation.CompareLowSimilarity': { description: '比对相似度未达到通过标准', billed: true },
  'FailedOperation.LivessDetectFail': { description: '活体检测未通过', billed: true },
  'FailedOperation.IdNameMisMatch': { description: '姓名和身份证号不一致，请核实后重试', billed: true },
  'FailedOperation.IdFormatError': { description: '输入的身份证号有误', billed: false },
  'FailedOperation.IdNoExistSystem': { description: '库中无此号，请到户籍所在地进行核实', billed: false },
} as const;

export type ImageRecognitionResult = keyof typeof IMAGE_RECOGNITION_RESULTS;
export type LivenessVerdict = 'PASS' | 'FAIL';

export interface ImageRecognitionAnswer {
  Result: ImageRecognitionResult;
  /** 0.00-100.00; 0 when no comparison was made. */
  Sim: number;
  LivenessVerdict: LivenessVerdict;
  Description: string;
  Billed: boolean;
}

export function imageRecognitionAnswer(result: ImageRecognitionResult, sim: number, livenessVerdict: LivenessVerdict): ImageRecognitionAnswer {
  const { description, billed } = IMAGE_RECOGNITION_RESULTS[result];
  return { Result: result, Sim: sim, LivenessVerdict: livenessVerdict, Description: description, Billed: billed };
}
