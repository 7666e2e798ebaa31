import type { EmulatorModule } from '../routes.js';

/** The menu API of the emulator. */
export const menuModule: EmulatorModule = { api: [] };
