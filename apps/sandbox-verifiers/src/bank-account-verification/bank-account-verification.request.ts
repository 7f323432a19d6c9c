import { IsString, Length } from 'class-validator';

/** Lengths are loose on purpose: an account number nobody holds is an answer (-9), not a 400. */
export class BankAccountVerificationRequest {
  @IsString()
  @Length(1, 40)
  AccountNumber: string;

  @IsString()
  @Length(1, 100)
  AccountName: string;
}
