// HTTP and WebSocket for the drop-in queue: join, leave, live position, and clinicians taking the next patient.
import type { FastifyInstance } from 'fastify';
import type { CapabilityOptions } from '../capability.ts';

export async function dropinRoutes(_app: FastifyInstance, _opts: CapabilityOptions): Promise<void> {}
