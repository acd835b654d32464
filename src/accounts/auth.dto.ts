import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, Length, MaxLength } from 'class-validator';
import { UserDto } from '../users/user.dto.js';
import { MIN_PASSWORD_LENGTH } from '../auth/passwords.js';

export class LoginDto {
  @ApiProperty({ example: 'commissioner@demo.test' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsEmail() @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'a long passphrase' })
  @IsString() @Length(1, 200)
  password: string;
}

export class AcceptInvitationDto {
  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH, description: `At least ${MIN_PASSWORD_LENGTH} characters; a short sentence is easiest to remember` })
  @IsString() @Length(MIN_PASSWORD_LENGTH, 200, { message: `password must be at least ${MIN_PASSWORD_LENGTH} characters` })
  password: string;
}

export class SessionDto {
  @ApiProperty() accessToken: string;
  @ApiProperty({ example: 'Bearer' }) tokenType: 'Bearer';
  @ApiProperty({ description: 'Seconds until the token expires' }) expiresIn: number;
  @ApiProperty({ type: UserDto }) user: UserDto;
}
