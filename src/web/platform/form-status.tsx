// Where a form says what went wrong with its last submit: a polite live region, with an alert when the request failed.
import { Alert, Paragraph } from '@digdir/designsystemet-react';
import { useT } from '../i18n/index.tsx';
import { problemText } from './problem-message.tsx';

export function FormStatus({ error }: { error: unknown }) {
  const t = useT();
  return (
    <div aria-live="polite" className="nl-form__status">
      {error ? (
        <Alert data-color="danger">
          <Paragraph>{problemText(error, t)}</Paragraph>
        </Alert>
      ) : null}
    </div>
  );
}
