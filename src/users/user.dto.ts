import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMinSize, ArrayUnique, IsArray, IsEmail, IsIn, IsString, Length, MaxLength } from 'class-validator';
import { ROLES, type Role } from './role.js';
import type { User } from './user.entity.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateUserDto {
  @ApiProperty({ example: 'sam.taylor@example.org' })
  @Transform(trim) @IsEmail() @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Sam T', description: 'Shown to colleagues; for young partners a first name or chosen name' })
  @Transform(trim) @IsString() @Length(1, 120)
  displayName: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['panellist'], description: 'A commissioner may create panellists only; an administrator any role' })
  @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsIn(ROLES, { each: true })
  roles: Role[];
}

export class SetRolesDto {
  @ApiProperty({ enum: ROLES, isArray: true, example: ['commissioner'] })
  @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsIn(ROLES, { each: true })
  roles: Role[];
}

export class UserDto {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: Role[];
  @ApiProperty({ description: 'False until an invited user has set a password, and once disabled' }) active: boolean;

  static from(user: User): UserDto {
    return { id: user.id, email: user.email, displayName: user.displayName, roles: user.roles, active: user.passwordHash !== null && !user.disabledAt };
  }
}

export class InvitationLinkDto {
  @ApiProperty({ description: 'Send this link to the invitee; it works once' }) url: string;
  @ApiProperty({ description: 'The token inside the link, for API clients' }) token: string;
  @ApiProperty() expiresAt: string;
}

export class CreatedUserDto {
  @ApiProperty({ type: UserDto }) user: UserDto;
  @ApiProperty({ type: InvitationLinkDto }) invitation: InvitationLinkDto;
}

export class PendingInvitationDto {
  @ApiProperty({ description: 'The invitation (for resend and revoke)' }) id: string;
  @ApiProperty() userId: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: Role[];
  @ApiProperty({ nullable: true, type: String, description: 'Who sent it (null: the command line)' }) invitedBy: string | null;
  @ApiProperty() sentAt: string;
  @ApiProperty() expiresAt: string;
  @ApiProperty({ description: 'The link has expired: send it again' }) expired: boolean;

  static from(invitation: { id: string; createdAt: Date; expiresAt: Date }, user: User, invitedBy: string | null, now: Date): PendingInvitationDto {
    return {
      id: invitation.id, userId: user.id, email: user.email, displayName: user.displayName, roles: user.roles, invitedBy,
      sentAt: invitation.createdAt.toISOString(), expiresAt: invitation.expiresAt.toISOString(), expired: invitation.expiresAt <= now,
    };
  }
}
