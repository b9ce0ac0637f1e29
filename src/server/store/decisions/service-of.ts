import { SERVICE_DEFINITIONS, SERVICES, type Service, type ServiceDefinition } from '../../../shared/domain';

/** The service a stored record belongs to, with its definition; undefined for one this release lacks. */
export function serviceOf(
  service: string,
): { readonly service: Service; readonly definition: ServiceDefinition } | undefined {
  if (!(SERVICES as readonly string[]).includes(service)) return undefined;
  const definition = SERVICE_DEFINITIONS[service as Service];
  return definition === undefined ? undefined : { service: service as Service, definition };
}
