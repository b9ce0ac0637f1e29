import { t } from '../../i18n/translate';
import { paths } from '../../router/routes';
import { PageHeading } from '../../ui/page-heading';

export function NotFoundPage() {
  return (
    <>
      <PageHeading>{t('notFound.title')}</PageHeading>
      <p>
        <a href={paths.home()}>{t('notFound.back')}</a>
      </p>
    </>
  );
}
