// HTTP for clinic schedules: weekly availability rules and one-off exceptions, with their effect shown before saving.
import type { FastifyInstance } from 'fastify';
import type { CapabilityOptions } from '../capability.ts';

export async function scheduleRoutes(_app: FastifyInstance, _opts: CapabilityOptions): Promise<void> {}
