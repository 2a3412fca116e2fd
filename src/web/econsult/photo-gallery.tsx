// The case's photos as the clinician sees them: the server's re-encoded thumbnails, each linking to the full photo.
import { Link } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { useT } from '../i18n/index.tsx';
import type { PhotoView } from './types.ts';

export interface PhotoGalleryProps {
  photos: readonly PhotoView[];
  /** Something under each photo (the remove button while a draft). */
  action?: (photo: PhotoView, name: string) => ReactNode;
}

export function PhotoGallery({ photos, action }: PhotoGalleryProps) {
  const t = useT();
  if (photos.length === 0) return null;
  return (
    <ul className="nl-econsult-photos">
      {photos.map((photo, index) => {
        const name = t('econsult.photo.name', { number: index + 1, count: photos.length });
        return (
          <li key={photo.id}>
            <Link href={photo.url} target="_blank" rel="noopener">
              <img src={photo.thumbUrl} width={photo.thumbWidth} height={photo.thumbHeight} alt={name} loading="lazy" />
              <span className="ds-sr-only"> {t('econsult.photo.opensFull')}</span>
            </Link>
            {action?.(photo, name)}
          </li>
        );
      })}
    </ul>
  );
}
