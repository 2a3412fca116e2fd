// The page header: product name, the logged-in person's links and logout, the language choice, and the acting-for banner.
import { Link as RouterLink } from 'react-router';
import { useOffersDropin } from '../dropin/dropin-clinics.ts';
import { useOffersEconsult } from '../econsult/econsult-clinics.ts';
import { ActingForBanner } from '../identity/acting-for-banner.tsx';
import { useSession } from '../identity/session.ts';
import { UserBox } from '../identity/user-box.tsx';
import { useT } from '../i18n/index.tsx';
import { AppLink } from './app-link.tsx';
import { LanguageSwitcher } from './language-switcher.tsx';

export function SiteHeader() {
  const t = useT();
  const { data: session } = useSession();
  const patient = session?.authenticated === true && session.kind === 'patient';
  const dropin = useOffersDropin(patient);
  const econsult = useOffersEconsult(patient);
  return (
    <header className="nl-header">
      <div className="nl-container nl-header__bar">
        <RouterLink to="/" className="nl-brand">
          {t('app.name')}
        </RouterLink>
        {session?.authenticated && (
          <nav aria-label={t('nav.label')} className="nl-nav">
            {session.kind === 'patient' ? (
              <>
                <AppLink to="/min-side">{t('nav.minSide')}</AppLink>
                <AppLink to="/timebestilling">{t('nav.booking')}</AppLink>
                <AppLink to="/timer">{t('nav.appointments')}</AppLink>
                {dropin && <AppLink to="/drop-in">{t('nav.dropin')}</AppLink>}
                {econsult && <AppLink to="/e-konsultasjon">{t('nav.econsult')}</AppLink>}
                <AppLink to="/innboks">{t('messages.link')}</AppLink>
              </>
            ) : (
              <AppLink to="/ansatt">{t('nav.staff')}</AppLink>
            )}
          </nav>
        )}
        <div className="nl-header__tools">
          <LanguageSwitcher />
          <UserBox />
        </div>
      </div>
      <ActingForBanner />
    </header>
  );
}
