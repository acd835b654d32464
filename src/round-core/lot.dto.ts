import { ApiProperty } from '@nestjs/swagger';
import type { Lot } from './lots.js';

/** A lot as the API shows it (the round, its results and its award). */
export class LotViewDto implements Lot {
  @ApiProperty({ example: 'L1' }) key: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ nullable: true, type: String, description: 'Estimated value in pounds' }) value: string | null;
}
