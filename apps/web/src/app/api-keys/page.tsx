import { ApiKeysHome } from "./api-keys-home";

export default function Page() {
  return <ApiKeysHome />;
}
