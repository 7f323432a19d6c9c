import { Body, Controller } from '@nestjs/common';
import { VerifierApi } from '../front-door/verifier-api.decorator.js';
import { IMAGE_RECOGNITION } from '../front-door/verifier-endpoints.js';
import { ImageRecognitionRequest } from './image-recognition.request.js';
import type { ImageRecognitionAnswer } from './image-recognition.results.js';
import { ImageRecognitionUseCase } from './image-recognition.use-case.js';

@Controller()
export class ImageRecognitionController {
  constructor(private readonly useCase: ImageRecognitionUseCase) {}

  @VerifierApi(IMAGE_RECOGNITION)
  recognise(@Body() request: ImageRecognitionRequest): ImageRecognitionAnswer {
    return this.useCase.execute(request);
  }
}
