import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBase64, IsString, Length } from 'class-validator';

export class UploadBidFileDto {
  @ApiProperty({ example: 'bids.xlsx', description: 'The file name (.xlsx or .csv)' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value)) @IsString() @Length(1, 200)
  fileName: string;

  @ApiProperty({ description: 'The file, base64-encoded (the API takes files up to about 700 KB this way; the page uploads larger ones)' })
  @IsString() @IsBase64(undefined, { message: 'content must be the file encoded as base64' })
  content: string;
}

export class ImportProblemDto {
  @ApiProperty({ description: 'The spreadsheet row (the header is row 1)' }) row: number;
  @ApiProperty({ nullable: true, type: String, example: 'C', description: 'The column letter, when the problem is in one cell or heading' }) column: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Price (£)' }) header: string | null;
  @ApiProperty({ example: '"about 90k" is not a price in pounds such as 1745000.00' }) reason: string;
}

export class PreviewBidDto {
  @ApiProperty() row: number;
  @ApiProperty() supplierName: string;
  @ApiPropertyOptional({ example: 'L1', description: 'The lot (only in a round with lots)' }) lotKey?: string;
  @ApiProperty({ nullable: true, type: String }) price: string | null;
  @ApiProperty() receivedAt: string;
  @ApiProperty({ description: 'How many questions it answers' }) answers: number;
}

export class ImportPreviewDto {
  @ApiProperty({ nullable: true, type: String, description: 'Confirm with this id; only a clean file gets one' }) uploadId: string | null;
  @ApiProperty() fileName: string;
  @ApiProperty({ enum: ['xlsx', 'csv'] }) format: string;
  @ApiProperty({ description: 'SHA-256 of the file as uploaded' }) sha256: string;
  @ApiProperty({ description: 'No problem found: it can be confirmed' }) clean: boolean;
  @ApiProperty({ description: 'Bid rows read (not counting the header and empty rows)' }) rows: number;
  @ApiProperty({ type: [PreviewBidDto], description: 'The rows that passed every check' }) bids: PreviewBidDto[];
  @ApiProperty({ description: 'All problems found (the list below stops at 2000)' }) problemCount: number;
  @ApiProperty({ type: [ImportProblemDto] }) problems: ImportProblemDto[];
}

export class ImportResultDto {
  @ApiProperty() imported: number;
  @ApiProperty({ type: [String] }) bidIds: string[];
}
