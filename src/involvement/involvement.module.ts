import { Module } from '@nestjs/common';
import { InvolvementController } from './involvement.controller.js';
import { InvolvementService } from './involvement.service.js';

@Module({ controllers: [InvolvementController], providers: [InvolvementService], exports: [InvolvementService] })
export class InvolvementModule {}
