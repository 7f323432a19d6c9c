/**
 * Character 1 (registration authority) and the organisation-type codes it
 * allows in character 2, from GB 32100-2015 Table 1 as extended by the later
 * registrations of A (CMC reform and staffing office) and N (agriculture).
 * The first character is a hard check; an unlisted second character is only
 * warned about, because new organisation types have been added over time and a
 * stale table must not refuse a real company at onboarding.
 */
export const CREDIT_CODE_AUTHORITIES: Readonly<Record<string, { readonly name: string; readonly orgTypes: string }>> = {
  '1': { name: '机构编制', orgTypes: '1239' },
  '2': { name: '外交', orgTypes: '19' },
  '3': { name: '司法行政', orgTypes: '123459' },
  '4': { name: '文化', orgTypes: '19' },
  '5': { name: '民政', orgTypes: '1239' },
  '6': { name: '旅游', orgTypes: '129' },
  '7': { name: '宗教', orgTypes: '129' },
  '8': { name: '工会', orgTypes: '19' },
  '9': { name: '工商 (市场监管)', orgTypes: '123' },
  A: { name: '中央军委改革和编制办公室', orgTypes: '19' },
  N: { name: '农业', orgTypes: '1239' },
  Y: { name: '其他', orgTypes: '1' },
};
