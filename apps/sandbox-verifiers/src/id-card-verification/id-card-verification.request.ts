import { IsString, Length } from 'class-validator';

/** Lengths are loose on purpose: a wrong-looking ID number is an answer (-2), not a 400. */
export class IdCardVerificationRequest {
  @IsString()
  @Length(1, 32)
  IdCard: string;

  @IsString()
  @Length(1, 64)
  Name: string;
}
