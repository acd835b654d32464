// The baseline for npm run bench:load: a bare NestJS + TypeORM app on the same database kind that
// validates the same body as a score save (SaveScoreDto, with the app's own validation pipe) and
// inserts one row. No auth, no access check, no audit: what the framework and one insert cost.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Module, Param, Put, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { createValidationPipe } from '../../src/common/validation.js';
import { SaveScoreDto } from '../../src/scoring/scoring.dto.js';

@Entity('bare_scores')
export class BareScore {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 36 }) bidId: string;
  @Column({ type: 'varchar', length: 36 }) criterionId: string;
  @Column({ type: 'integer' }) mark: number;
  @Column({ type: 'text' }) justification: string;
  @Column({ type: 'varchar', length: 24 }) updatedAt: string;
}

@Controller('bare')
class BareController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Put(':bidId/:criterionId')
  @HttpCode(200)
  async save(@Param('bidId') bidId: string, @Param('criterionId') criterionId: string, @Body() dto: SaveScoreDto) {
    const row = { id: randomUUID(), bidId, criterionId, mark: dto.mark, justification: dto.justification, updatedAt: new Date().toISOString() };
    await this.dataSource.manager.insert(BareScore, row);
    return { mark: row.mark, justification: row.justification, status: 'draft', updatedAt: row.updatedAt };
  }
}

export async function createBareApp(database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string }): Promise<INestApplication> {
  const typeorm = database.kind === 'sqlite'
    ? { type: 'better-sqlite3' as const, database: database.file, enableWAL: true }
    : { type: 'postgres' as const, url: database.url, poolSize: 10 };
  @Module({ imports: [TypeOrmModule.forRoot({ ...typeorm, entities: [BareScore], synchronize: true, logging: false }), TypeOrmModule.forFeature([BareScore])], controllers: [BareController] })
  class BareModule {}
  const app = await NestFactory.create(BareModule, { logger: false });
  app.useGlobalPipes(createValidationPipe());
  return app;
}
