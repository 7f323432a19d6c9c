import { Injectable } from '@nestjs/common';

/** Where "now" comes from; tests replace it to move time. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
