import type { EmulatorModule } from '../routes.js';

/** The oauth API of the emulator. */
export const oauthModule: EmulatorModule = { api: [] };
