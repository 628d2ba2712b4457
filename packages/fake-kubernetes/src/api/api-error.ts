/** A `Status` cause: which field was wrong and why. */
export interface StatusCause {
  reason: string;
  message: string;
  field: string;
}

/** Details of a `Status`, naming the object the request was about. */
export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: StatusCause[];
}

/**
 * The one error class of the fake: an API failure that the server answers as a
 * `kind: Status` object, with the reasons and codes kube-apiserver uses.
 */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toStatus(): Record<string, unknown> {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }
}

export const badRequest = (message: string) => new ApiError(400, 'BadRequest', message);

export const notFound = (resource: string, name: string) =>
  new ApiError(404, 'NotFound', `${resource} "${name}" not found`, {
    name,
    ...splitResource(resource),
  });

export const alreadyExists = (resource: string, name: string) =>
  new ApiError(409, 'AlreadyExists', `${resource} "${name}" already exists`, {
    name,
    ...splitResource(resource),
  });

export const conflict = (resource: string, name: string, why: string) =>
  new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${resource} "${name}": ${why}`, {
    name,
    ...splitResource(resource),
  });

/** 422 with one cause per invalid field, worded as kube-apiserver's field errors. */
export function invalid(
  kind: string,
  group: string,
  name: string,
  causes: StatusCause[],
): ApiError {
  const qualified = group ? `${kind}.${group}` : kind;
  const list = causes.map((c) => `${c.field}: ${c.message}`);
  const summary = list.length === 1 ? list[0] : `[${list.join(', ')}]`;
  return new ApiError(422, 'Invalid', `${qualified} "${name}" is invalid: ${summary}`, {
    name,
    group,
    kind,
    causes,
  });
}

function splitResource(resource: string): { group: string; kind: string } {
  const [kind = resource, ...group] = resource.split('.');
  return { kind, group: group.join('.') };
}
