/**
 * First two digits of a resident ID number: the province-level division
 * (GB/T 2260) of the holder's first registration.
 *
 * Only codes that appear on genuinely issued numbers are listed, so that a
 * typo in the first digits is caught before the check digit is even looked at:
 * - 11-15 North China (Beijing, Tianjin, Hebei, Shanxi, Inner Mongolia)
 * - 21-23 North-east (Liaoning, Jilin, Heilongjiang)
 * - 31-37 East (Shanghai, Jiangsu, Zhejiang, Anhui, Fujian, Jiangxi, Shandong)
 * - 41-46 Central-south (Henan, Hubei, Hunan, Guangdong, Guangxi, Hainan)
 * - 50-54 South-west (Chongqing, Sichuan, Guizhou, Yunnan, Tibet)
 * - 61-65 North-west (Shaanxi, Gansu, Qinghai, Ningxia, Xinjiang)
 * - 71 Taiwan (its GB/T 2260 province-level code)
 * - 81 Hong Kong, 82 Macau: residence permits for HK/Macau residents (since 2018)
 * - 83: residence permits for Taiwan residents (830000, since 2018)
 */
export const ID_NUMBER_PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
  '83',
]);
