import type { EmulatorModule } from '../routes.js';

/** The template API of the emulator. */
export const templateModule: EmulatorModule = { api: [] };
