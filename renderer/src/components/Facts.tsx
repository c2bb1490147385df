import type { ReactNode } from 'react';

export interface Fact {
  label: ReactNode;
  value: ReactNode;
}

/** Label and value pairs, as a description list (read as such by screen readers). */
export function Facts({ facts }: { facts: Fact[] }) {
  return (
    <dl className="relais-facts">
      {facts.map((fact, index) => (
        <div key={index} className="relais-facts__item">
          <dt>{fact.label}</dt>
          <dd>{fact.value}</dd>
        </div>
      ))}
    </dl>
  );
}
