import type { EmulatorModule } from '../routes.js';

/** The mass API of the emulator. */
export const massModule: EmulatorModule = { api: [] };
