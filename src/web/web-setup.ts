import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import { projectRoot } from '../common/project-root.js';
import { ASSETS_DIR } from './views.js';

/** What the pages need from Express itself: cookies, and the CSS and scripts under /assets (Chart.js from node_modules). */
export function configureWeb(app: NestExpressApplication): void {
  app.use(cookieParser());
  app.useStaticAssets(ASSETS_DIR, { prefix: '/assets/', maxAge: '1h', index: false });
  app.useStaticAssets(join(projectRoot(), 'node_modules', 'chart.js', 'dist'), { prefix: '/assets/vendor/', maxAge: '1d', index: false });
}
