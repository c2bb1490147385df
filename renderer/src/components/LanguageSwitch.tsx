import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../../../shared/contract';
import { useLanguage } from './useLanguage';

/** Each language is named in itself, so a reader finds theirs whatever the current one is. */
export const LANGUAGE_NAMES: Record<Language, string> = { fr: 'Français', en: 'English' };

/**
 * The DSFR language selector (fr-translate), written out rather than taken from react-dsfr,
 * whose LanguageSelect nests its links inside the button. Choosing is an action here, not a
 * navigation, so the entries are buttons. DSFR's script opens and closes the collapse.
 */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const { language, setLanguage } = useLanguage();
  const menuId = `translate-${useId().replace(/:/g, '')}`;
  const toggleRef = useRef<HTMLButtonElement>(null);

  const choose = (choice: Language) => {
    toggleRef.current?.setAttribute('aria-expanded', 'false');
    toggleRef.current?.focus();
    void setLanguage(choice);
  };

  return (
    <div className="fr-translate fr-nav">
      <div className="fr-nav__item">
        <button
          ref={toggleRef}
          type="button"
          className="fr-translate__btn fr-btn fr-btn--tertiary"
          aria-controls={menuId}
          aria-expanded="false"
          title={t('language.choose')}
        >
          <span className="fr-sr-only">{t('language.label')}&nbsp;</span>
          <span lang={language}>{language.toUpperCase()}</span>
          <span className="fr-hidden-lg" lang={language}>
            &nbsp;- {LANGUAGE_NAMES[language]}
          </span>
        </button>
        <div className="fr-collapse fr-translate__menu fr-menu" id={menuId}>
          <ul className="fr-menu__list">
            {LANGUAGES.map((choice) => (
              <li key={choice}>
                <button
                  type="button"
                  className="fr-translate__language fr-nav__link"
                  lang={choice}
                  aria-current={choice === language ? 'true' : undefined}
                  onClick={() => choose(choice)}
                >
                  {choice.toUpperCase()} - {LANGUAGE_NAMES[choice]}
                </button>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}
