// The part of axios the corpus's JavaScript Action uses, as a project would type a package it declares
// for Auth0 but does not install for itself (the runtime copy comes from the dependency cache).
declare module 'axios' {
  interface Response<T> {
    data: T;
    status: number;
  }
  const axios: {
    get<T = unknown>(url: string, config?: { headers?: Record<string, string>; timeout?: number }): Promise<Response<T>>;
    post<T = unknown>(url: string, body: unknown, config?: { headers?: Record<string, string>; timeout?: number }): Promise<Response<T>>;
  };
  export = axios;
}
