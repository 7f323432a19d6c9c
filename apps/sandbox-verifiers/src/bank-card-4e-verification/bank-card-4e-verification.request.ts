import { IsString, Length } from 'class-validator';

/** Lengths are loose on purpose: malformed values get result codes -2..-5, not a 400. */
export class BankCard4EVerificationRequest {
  @IsString()
  @Length(1, 32)
  BankCard: string;

  @IsString()
  @Length(1, 64)
  Name: string;

  @IsString()
  @Length(1, 32)
  IdCard: string;

  @IsString()
  @Length(1, 32)
  Phone: string;
}
