import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/http';
import { createRegionSource, type Region } from './region-api';
import { backTo, choose, listOwner, sameOwner } from './region-cascade';

const region = (code: string, name: string): Region => ({
  code,
  name,
  level: ['PROVINCE', 'CITY', 'COUNTY'][code.length / 2 - 1] ?? 'TOWN',
  parent: code.length > 2 ? code.slice(0, -2) : null,
  center: { lat: 31.3, lon: 118.4 },
});

const anhui = region('34', '安徽省');
const wuhu = region('3402', '芜湖市');
const jinghu = region('340202', '镜湖区');
const jiujiang = region('340207', '鸠江区');

describe('region cascade', () => {
  it('lists provinces, then the chosen province, then the chosen city', () => {
    expect(listOwner([])).toBeUndefined();
    expect(choose([], anhui)).toEqual([anhui]);
    expect(listOwner([anhui])).toBe(anhui);
    expect(choose([anhui], wuhu)).toEqual([anhui, wuhu]);
    expect(listOwner([anhui, wuhu])).toBe(wuhu);
  });

  it('stops at counties: choosing another county replaces the chosen one', () => {
    const path = choose([anhui, wuhu], jinghu);
    expect(path).toEqual([anhui, wuhu, jinghu]);
    expect(listOwner(path)).toBe(wuhu);
    expect(choose(path, jiujiang)).toEqual([anhui, wuhu, jiujiang]);
    expect(sameOwner(path, [anhui, wuhu])).toBe(true);
  });

  it('goes back along the breadcrumb', () => {
    expect(backTo([anhui, wuhu, jinghu], 1)).toEqual([anhui]);
    expect(backTo([anhui, wuhu], 0)).toEqual([]);
    expect(sameOwner([anhui, wuhu], [anhui])).toBe(false);
  });
});

describe('region source', () => {
  it('fetches each list once', async () => {
    const fetcher = vi.fn(async (parent?: string) => (parent ? [wuhu] : [anhui]));
    const source = createRegionSource(fetcher);

    expect(await source.children(undefined)).toEqual([anhui]);
    expect(await source.children('34')).toEqual([wuhu]);
    expect(await source.children('34')).toEqual([wuhu]);
    expect(fetcher).toHaveBeenCalledTimes(2);
  });

  it('forgets a failed fetch so that a retry asks again', async () => {
    const fetcher = vi
      .fn()
      .mockRejectedValueOnce(new ApiError({ status: 0, code: 'network-error', title: 'Network error' }))
      .mockResolvedValueOnce([anhui]);
    const source = createRegionSource(fetcher);

    await expect(source.children(undefined)).rejects.toMatchObject({ code: 'network-error' });
    expect(await source.children(undefined)).toEqual([anhui]);
    expect(fetcher).toHaveBeenCalledTimes(2);
  });
});
