import { Module } from '@nestjs/common';
import { RoundCommands } from './round-commands.js';

/** The kernel every round feature builds on: the unit of work with its access check. */
@Module({ providers: [RoundCommands], exports: [RoundCommands] })
export class RoundCoreModule {}
