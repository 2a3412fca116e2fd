// HTTP for SMS booking: inbound SMS (gateway webhook, dev outbox) and reception's booking requests.
import type { FastifyInstance } from 'fastify';
import type { CapabilityOptions } from '../capability.ts';

export async function smsBookingRoutes(_app: FastifyInstance, _opts: CapabilityOptions): Promise<void> {}
