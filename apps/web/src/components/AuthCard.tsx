import type { ReactNode } from 'react';

interface AuthCardProps {
  title: string;
  lead?: string;
  footer?: ReactNode;
  children: ReactNode;
}

/** The narrow, centred card that frames Sign in and Sign up. */
export function AuthCard({ title, lead, footer, children }: AuthCardProps) {
  return (
    <div className="container page auth-page">
      <div className="auth-card">
        <h1 className="auth-card__title">{title}</h1>
        {lead && <p className="auth-card__lead">{lead}</p>}
        {children}
      </div>
      {footer && <p className="auth-page__footer">{footer}</p>}
    </div>
  );
}
