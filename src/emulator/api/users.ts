import type { EmulatorModule } from '../routes.js';

/** The users API of the emulator. */
export const usersModule: EmulatorModule = { api: [] };
