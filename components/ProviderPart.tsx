import type { PopupEvent, PopupState } from '@/lib/popup/state';
import { changesFor } from '@/lib/provider-form';
import type { Provider } from '@/lib/providers/types';
import { CustomFields } from './CustomFields';
import { NamedFields } from './NamedFields';
import { ProviderFields } from './ProviderFields';
import { UpdateChoice } from './UpdateChoice';

interface Props {
  provider: Provider;
  state: PopupState;
  /** The contact as the provider's values, as typed so far. */
  values: Record<string, unknown>;
  dispatch: (event: PopupEvent) => void;
}

/** The selected provider's part of the form: create or update, its own fields, custom and named fields. */
export function ProviderPart({ provider, state, values, dispatch }: Props) {
  const changes =
    state.current && state.known && state.action === 'update' && !state.pastedId.trim()
      ? changesFor(provider.fields, state.current, values, state.updateMode)
      : null;
  const named = typeof values.custom === 'object' && values.custom !== null ? values.custom : null;
  return (
    <>
      <UpdateChoice provider={provider} state={state} changes={changes} dispatch={dispatch} />
      <ProviderFields
        provider={provider}
        values={values}
        errors={state.providerErrors}
        onOverride={(key, value) => dispatch({ type: 'overridden', key, value })}
      />
      <CustomFields
        providerLabel={provider.label}
        defs={state.customDefs}
        typed={state.customTyped}
        onChange={(key, value) => dispatch({ type: 'customTyped', key, value })}
      />
      {named && (
        <NamedFields
          providerLabel={provider.label}
          rows={
            state.namedRows ??
            Object.entries(named as Record<string, unknown>).map(([name, value]) => ({
              name,
              value: String(value ?? ''),
            }))
          }
          error={state.providerErrors.custom}
          onChange={(rows) => dispatch({ type: 'namedRowsEdited', rows })}
        />
      )}
    </>
  );
}
