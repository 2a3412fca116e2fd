// A link inside the app: Designsystemet's look, React Router's client-side navigation.
import { Link } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { Link as RouterLink } from 'react-router';

export function AppLink({ to, children, className }: { to: string; children: ReactNode; className?: string }) {
  return (
    <Link asChild className={className}>
      <RouterLink to={to}>{children}</RouterLink>
    </Link>
  );
}
