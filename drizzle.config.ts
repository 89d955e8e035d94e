// drizzle-kit reads the schema and writes SQL migrations; the server applies them at start.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/server/db/schema*.ts',
  out: './src/server/db/migrations',
});
