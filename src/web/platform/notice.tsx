// The outcome of an action on a list whose item may now be gone: said in a live region, and given the focus.
import { Paragraph } from '@digdir/designsystemet-react';
import { useEffect, useRef, useState } from 'react';

export function useNotice() {
  const [notice, setNotice] = useState<{ text: string; at: number } | null>(null);
  const ref = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    // The handled item is gone; its outcome takes the focus.
    if (notice) ref.current?.focus();
  }, [notice]);

  return { notice, ref, show: (text: string) => setNotice({ text, at: Date.now() }) };
}

export function Notice({ notice: { notice, ref } }: { notice: ReturnType<typeof useNotice> }) {
  return (
    <div aria-live="polite" className="nl-form__status">
      {notice && (
        <Paragraph ref={ref} tabIndex={-1} role="status">
          {notice.text}
        </Paragraph>
      )}
    </div>
  );
}
