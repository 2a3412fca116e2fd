// A real file input inside its label, drawn as a button: keyboard, screen reader and getByLabel all find the input.
// `capture` opens the phone's camera (the back one) instead of the file picker.
import { Button } from '@digdir/designsystemet-react';
import type { ChangeEvent } from 'react';
import './file-button.css';

interface Props {
  label: string;
  accept: string;
  capture?: boolean;
  describedBy: string;
  disabled: boolean;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
}

export function FileButton({ label, accept, capture, describedBy, disabled, onChange }: Props) {
  return (
    <Button asChild variant="secondary" aria-disabled={disabled || undefined}>
      <label className="nl-file-button">
        {label}
        <input
          type="file"
          accept={accept}
          multiple
          {...(capture ? { capture: 'environment' as const } : {})}
          className="ds-sr-only"
          aria-describedby={describedBy}
          disabled={disabled}
          onChange={(event) => void onChange(event)}
        />
      </label>
    </Button>
  );
}
