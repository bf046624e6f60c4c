import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { chooseLanguage, LANGUAGES, type Language } from '../i18n/i18n';

/** Spanish or English, one click away on every screen. */
export function LanguageSwitch({ size = 'xs' }: { size?: 'xs' | 'sm' }) {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size={size}
      aria-label={t('language.label')}
      value={i18n.language}
      onChange={(value) => chooseLanguage(value as Language)}
      data={LANGUAGES.map((language) => ({
        value: language,
        label: (
          <span title={t(`language.${language}`)} lang={language}>
            {language.toUpperCase()}
          </span>
        ),
      }))}
    />
  );
}
