import { PasswordResetRequestSchema } from '@mockboard/contracts';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { requestPasswordReset } from '../api/account';
import { toApiRequestError } from '../api/client';
import { AuthCard } from '../components/AuthCard';
import { FormAlert } from '../components/FormAlert';
import { SubmitButton } from '../components/SubmitButton';
import { TextField } from '../components/TextField';
import { messagesFromApi, messagesFromZod } from '../forms/field-messages';
import { useFormMessages } from '../forms/useFormMessages';
import { useDocumentTitle } from '../hooks/useDocumentTitle';

const LABELS = { email: 'Email' };
const ORDER = ['email'] as const;

/** Asks for a reset link. The answer is the same whether or not the address has an account. */
export function ForgotPasswordPage() {
  useDocumentTitle('Forgot password');
  const [email, setEmail] = useState('');
  const [pending, setPending] = useState(false);
  const [sent, setSent] = useState<string | null>(null);
  const { formRef, messages, show, clear, clearField } = useFormMessages(ORDER);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = PasswordResetRequestSchema.safeParse({ email });
    if (!parsed.success) return show(messagesFromZod(parsed.error, LABELS));
    clear();
    setPending(true);
    try {
      setSent(await requestPasswordReset(parsed.data.email));
    } catch (error) {
      show(messagesFromApi(toApiRequestError(error), LABELS));
    } finally {
      setPending(false);
    }
  }

  if (sent) {
    return (
      <AuthCard title="Check your inbox" footer={<Link to="/signin">Back to sign in</Link>}>
        <p role="status">{sent} It can take a minute to arrive; look in your spam folder too.</p>
      </AuthCard>
    );
  }

  return (
    <AuthCard
      title="Forgot your password?"
      lead="Enter the email address of your account and we will send you a link to choose a new password."
      footer={
        <>
          Remembered it? <Link to="/signin">Sign in</Link>
        </>
      }
    >
      <form ref={formRef} className="form" noValidate onSubmit={submit}>
        <FormAlert>{messages.form}</FormAlert>
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          value={email}
          error={messages.fields.email}
          onChange={(event) => {
            setEmail(event.target.value);
            clearField('email');
          }}
        />
        <SubmitButton pending={pending} block>
          Send reset link
        </SubmitButton>
      </form>
    </AuthCard>
  );
}
