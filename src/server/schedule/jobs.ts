// The schedule's background work: a minute after an exception is saved, cancel any booking that slipped into it.
import { EXCEPTION_SWEEP_QUEUE, sweepException, type ScheduleDeps, type SweepJob } from './service.ts';

export function defineScheduleJobs(deps: ScheduleDeps): void {
  deps.jobs.define<SweepJob>({
    name: EXCEPTION_SWEEP_QUEUE,
    retryLimit: 5,
    handler: async (data) => {
      const swept = await sweepException(deps, data);
      if (swept) deps.log.warn({ exceptionId: data.exceptionId, swept }, 'cancelled bookings made while a schedule exception was saved');
    },
  });
}
