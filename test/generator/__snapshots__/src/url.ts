// See operation.ts beside this file (the query serializer that operations with a query are given).
export { serializeQuery } from "../../../../src/url.js";
