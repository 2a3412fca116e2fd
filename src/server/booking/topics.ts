// The bus topic of one appointment: booking, schedule changes and SMS booking publish there when it is cancelled, moved
// or changed, and the video room publishes its own changes there, so a waiting-room socket listens to one topic.
export const appointmentTopic = (appointmentId: string) => `appointment:${appointmentId}`;
